package dev.servicecall.typed;

/**
 * A {@code int} that a routine can read and write: a holder parameter. It travels as a pointer
 * buffer of exactly 4 byte(s) (the original's {@code PDWORD}), little-endian, mask
 * {@code POINTER} (or {@code NULLABLE_POINTER} with {@link Nullable}).
 *
 * <p>On a proxy, the value is sent and, when the call returns a service status (any status, as
 * the raw API writes buffers back whenever the routine returns), replaced by the routine's
 * result; {@link In} and {@link Out} narrow this. When the call fails with a transport status
 * the holder is left unchanged. In an export, the implementation gets a fresh holder filled from
 * the caller's buffer, and what it leaves in it is written back when it returns.
 *
 * <p>The value is a plain Java {@code int}: read an unsigned quantity with
 * {@code Integer.toUnsignedLong(ref.get())}. Not thread-safe, like an array: do not share one between calls
 * running concurrently.
 */
public final class IntRef {
    /** The number of bytes the holder takes on the wire. */
    public static final int BYTES = 4;

    private int value;

    /** A holder of 0. */
    public IntRef() {
    }

    /** A holder of {@code value}. */
    public IntRef(int value) {
        this.value = value;
    }

    /** The value. */
    public int get() {
        return value;
    }

    /** Replaces the value. */
    public void set(int value) {
        this.value = value;
    }

    /** {@code IntRef[value]}. */
    @Override
    public String toString() {
        return "IntRef[" + value + "]";
    }
}

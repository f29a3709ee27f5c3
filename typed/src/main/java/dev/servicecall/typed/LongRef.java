package dev.servicecall.typed;

/**
 * A {@code long} that a routine can read and write: a holder parameter. It travels as a pointer
 * buffer of exactly 8 byte(s) (the original's {@code PQWORD}), little-endian, mask
 * {@code POINTER} (or {@code NULLABLE_POINTER} with {@link Nullable}).
 *
 * <p>On a proxy, the value is sent and, when the call returns a service status (any status, as
 * the raw API writes buffers back whenever the routine returns), replaced by the routine's
 * result; {@link In} and {@link Out} narrow this. When the call fails with a transport status
 * the holder is left unchanged. In an export, the implementation gets a fresh holder filled from
 * the caller's buffer, and what it leaves in it is written back when it returns.
 *
 * <p>The value is a plain Java {@code long}: read an unsigned quantity with
 * {@code Long.toUnsignedString(ref.get())}. Not thread-safe, like an array: do not share one between calls
 * running concurrently.
 */
public final class LongRef {
    /** The number of bytes the holder takes on the wire. */
    public static final int BYTES = 8;

    private long value;

    /** A holder of 0. */
    public LongRef() {
    }

    /** A holder of {@code value}. */
    public LongRef(long value) {
        this.value = value;
    }

    /** The value. */
    public long get() {
        return value;
    }

    /** Replaces the value. */
    public void set(long value) {
        this.value = value;
    }

    /** {@code LongRef[value]}. */
    @Override
    public String toString() {
        return "LongRef[" + value + "]";
    }
}

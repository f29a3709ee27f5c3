package dev.servicecall.typed;

/**
 * A {@code short} that a routine can read and write: a holder parameter. It travels as a pointer
 * buffer of exactly 2 byte(s) (the original's {@code PWORD}), little-endian, mask
 * {@code POINTER} (or {@code NULLABLE_POINTER} with {@link Nullable}).
 *
 * <p>On a proxy, the value is sent and, when the call returns a service status (any status, as
 * the raw API writes buffers back whenever the routine returns), replaced by the routine's
 * result; {@link In} and {@link Out} narrow this. When the call fails with a transport status
 * the holder is left unchanged. In an export, the implementation gets a fresh holder filled from
 * the caller's buffer, and what it leaves in it is written back when it returns.
 *
 * <p>The value is a plain Java {@code short}: read an unsigned quantity with
 * {@code Short.toUnsignedInt(ref.get())}. Not thread-safe, like an array: do not share one between calls
 * running concurrently.
 */
public final class ShortRef {
    /** The number of bytes the holder takes on the wire. */
    public static final int BYTES = 2;

    private short value;

    /** A holder of 0. */
    public ShortRef() {
    }

    /** A holder of {@code value}. */
    public ShortRef(short value) {
        this.value = value;
    }

    /** The value. */
    public short get() {
        return value;
    }

    /** Replaces the value. */
    public void set(short value) {
        this.value = value;
    }

    /** {@code ShortRef[value]}. */
    @Override
    public String toString() {
        return "ShortRef[" + value + "]";
    }
}

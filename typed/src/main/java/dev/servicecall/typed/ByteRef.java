package dev.servicecall.typed;

/**
 * A {@code byte} that a routine can read and write: a holder parameter. It travels as a pointer
 * buffer of exactly 1 byte(s) (the original's {@code PBYTE}), little-endian, mask
 * {@code POINTER} (or {@code NULLABLE_POINTER} with {@link Nullable}).
 *
 * <p>On a proxy, the value is sent and, when the call returns a service status (any status, as
 * the raw API writes buffers back whenever the routine returns), replaced by the routine's
 * result; {@link In} and {@link Out} narrow this. When the call fails with a transport status
 * the holder is left unchanged. In an export, the implementation gets a fresh holder filled from
 * the caller's buffer, and what it leaves in it is written back when it returns.
 *
 * <p>The value is a plain Java {@code byte}: read an unsigned quantity with
 * {@code Byte.toUnsignedInt(ref.get())}. Not thread-safe, like an array: do not share one between calls
 * running concurrently.
 */
public final class ByteRef {
    /** The number of bytes the holder takes on the wire. */
    public static final int BYTES = 1;

    private byte value;

    /** A holder of 0. */
    public ByteRef() {
    }

    /** A holder of {@code value}. */
    public ByteRef(byte value) {
        this.value = value;
    }

    /** The value. */
    public byte get() {
        return value;
    }

    /** Replaces the value. */
    public void set(byte value) {
        this.value = value;
    }

    /** {@code ByteRef[value]}. */
    @Override
    public String toString() {
        return "ByteRef[" + value + "]";
    }
}

package dev.servicecall.api;

import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One argument of a call: a mask and either a value or a pointer buffer (the original's
 * {@code SERVICE_ROUTINE_PARAMETER} entry).
 *
 * <p>Pointer buffers are the caller's memory: a {@code byte[]} (whole, or a slice
 * {@code [offset, offset+size)}) or a {@link ByteBuffer} region {@code [position, position+size)},
 * heap or direct. The routine gets a copy; when it returns normally the copy is written back into
 * that region, whole. The buffer's position and limit are never changed by a call.
 *
 * <p>Construction never fails for bad regions or masks: a parameter is a description, and every
 * check happens when it is passed to {@link ServiceCaller#call}, which answers with the contract's
 * status (ACCESS_VIOLATION for a region outside its array or buffer or a read-only buffer,
 * INVALID_PARAMETER_2 for an invalid mask or a null non-nullable pointer). Immutable itself;
 * the memory it points to is not.
 */
public final class Parameter {
    private static final Parameter NULL_POINTER =
            new Parameter(ParameterMask.NULLABLE_POINTER, 0, null, null, 0, 0);

    private final ParameterMask mask;
    private final long value;
    private final byte[] array;
    private final ByteBuffer buffer;
    private final int offset;
    private final int size;

    private Parameter(ParameterMask mask, long value, byte[] array, ByteBuffer buffer, int offset, int size) {
        this.mask = Objects.requireNonNull(mask, "mask");
        this.value = value;
        this.array = array;
        this.buffer = buffer;
        this.offset = offset;
        this.size = size;
    }

    /** An 8-bit value ({@code BYTE}); the routine sees {@code value & 0xFF}. */
    public static Parameter byteValue(long value) {
        return value(ParameterMask.BYTE, value);
    }

    /** A 16-bit value ({@code WORD}); the routine sees {@code value & 0xFFFF}. */
    public static Parameter word(long value) {
        return value(ParameterMask.WORD, value);
    }

    /** A 32-bit value ({@code DWORD}); the routine sees {@code value & 0xFFFFFFFF}. */
    public static Parameter dword(long value) {
        return value(ParameterMask.DWORD, value);
    }

    /** A 64-bit value ({@code QWORD}). */
    public static Parameter qword(long value) {
        return value(ParameterMask.QWORD, value);
    }

    /** A value with any mask, raw masks included; truncated to the mask's width at call time. */
    public static Parameter value(ParameterMask mask, long value) {
        return new Parameter(mask, value, null, null, 0, 0);
    }

    /** A non-nullable pointer to all of {@code array}. */
    public static Parameter pointer(byte[] array) {
        return pointer(ParameterMask.POINTER, array, 0, array == null ? 0 : array.length);
    }

    /** A non-nullable pointer to {@code array[offset, offset+size)}. */
    public static Parameter pointer(byte[] array, int offset, int size) {
        return pointer(ParameterMask.POINTER, array, offset, size);
    }

    /** A non-nullable pointer to {@code buffer[position, position+size)}. */
    public static Parameter pointer(ByteBuffer buffer, int size) {
        return pointer(ParameterMask.POINTER, buffer, size);
    }

    /** A non-nullable pointer to {@code buffer[position, limit)}. */
    public static Parameter pointer(ByteBuffer buffer) {
        return pointer(ParameterMask.POINTER, buffer, buffer == null ? 0 : buffer.remaining());
    }

    /** A nullable pointer to all of {@code array}, or a null pointer when {@code array} is null. */
    public static Parameter nullablePointer(byte[] array) {
        return pointer(ParameterMask.NULLABLE_POINTER, array, 0, array == null ? 0 : array.length);
    }

    /** A nullable pointer to {@code buffer[position, position+size)}, or null when {@code buffer} is null. */
    public static Parameter nullablePointer(ByteBuffer buffer, int size) {
        return pointer(ParameterMask.NULLABLE_POINTER, buffer, size);
    }

    /** A null pointer, declared {@code NULLABLE_POINTER}. */
    public static Parameter nullPointer() {
        return NULL_POINTER;
    }

    /** A pointer to {@code array[offset, offset+size)} with any mask, raw masks included. */
    public static Parameter pointer(ParameterMask mask, byte[] array, int offset, int size) {
        return new Parameter(mask, 0, array, null, offset, size);
    }

    /** A pointer to {@code buffer[position, position+size)} with any mask, raw masks included. */
    public static Parameter pointer(ParameterMask mask, ByteBuffer buffer, int size) {
        return new Parameter(mask, 0, null, buffer, buffer == null ? 0 : buffer.position(), size);
    }

    /** The mask, exactly as given. */
    public ParameterMask mask() {
        return mask;
    }

    /** The value as given (not yet truncated); 0 for pointers. */
    public long value() {
        return value;
    }

    /** Whether this parameter was built with memory (an array or buffer), even a null one. */
    public boolean isBuffer() {
        return array != null || buffer != null;
    }

    /** The declared buffer size; 0 for values and null pointers. */
    public int size() {
        return size;
    }

    /**
     * The caller's memory this pointer designates, as a little-endian view of exactly
     * {@code [offset, offset+size)}; {@code null} for values and null pointers. Meant for test
     * doubles (a Mockito answer writing a result, as a routine would); writes go straight into the
     * caller's array or buffer.
     *
     * @throws IndexOutOfBoundsException when the region lies outside the array or buffer
     */
    public ByteBuffer region() {
        if (array != null) {
            return ByteBuffer.wrap(array, offset, size).slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        if (buffer != null) {
            ByteBuffer view = buffer.duplicate();
            view.limit(offset + size).position(offset);
            return view.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        return null;
    }

    byte[] array() {
        return array;
    }

    ByteBuffer byteBuffer() {
        return buffer;
    }

    int offset() {
        return offset;
    }

    @Override
    public String toString() {
        if (array != null) {
            return mask + " byte[" + array.length + "][" + offset + ", +" + size + ")";
        }
        if (buffer != null) {
            return mask + " " + (buffer.isDirect() ? "direct" : "heap") + " buffer[" + offset + ", +" + size + ")";
        }
        return (mask.raw() & ParameterMasks.VL) == 0 ? mask + " null" : mask + " " + value;
    }
}

package dev.servicecall.cli;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One routine parameter as written on the command line and parsed by {@link ArgumentParser}: a
 * value, a buffer (its size and initial bytes) or a null pointer, with its raw mask. Immutable;
 * {@link #toParameter()} gives a fresh {@link Parameter} with a buffer of its own each time, so
 * concurrent calls (bench threads) never share memory.
 */
final class CallArgument {
    private final String text;
    private final int mask;
    private final long value;
    private final byte[] initial;
    private final int size;
    private final boolean isNull;

    private CallArgument(String text, int mask, long value, byte[] initial, int size, boolean isNull) {
        this.text = text;
        this.mask = mask;
        this.value = value;
        this.initial = initial;
        this.size = size;
        this.isNull = isNull;
    }

    static CallArgument value(String text, int mask, long value) {
        return new CallArgument(text, mask, value, null, 0, false);
    }

    static CallArgument buffer(String text, int mask, int size, byte[] initial) {
        return new CallArgument(text, mask, 0, initial.clone(), size, false);
    }

    static CallArgument nullPointer(String text, int mask) {
        return new CallArgument(text, mask, 0, null, 0, true);
    }

    /** As written, e.g. {@code dword:1}. */
    String text() {
        return text;
    }

    /** The raw mask byte, 0..255. */
    int mask() {
        return mask;
    }

    /** Whether this is a buffer (non-null pointer). */
    boolean isBuffer() {
        return initial != null;
    }

    /** Whether this is a null pointer. */
    boolean isNull() {
        return isNull;
    }

    /** The value; 0 for pointers. */
    long value() {
        return value;
    }

    /** The buffer size; 0 for values and null pointers. */
    int size() {
        return size;
    }

    /** The initial bytes of the buffer (a copy; the rest of the buffer is zero). */
    byte[] initialBytes() {
        return initial == null ? null : initial.clone();
    }

    /** A parameter for one call: a value, a null pointer, or a new little-endian buffer of its own. */
    Parameter toParameter() {
        ParameterMask parameterMask = ParameterMask.raw(mask);
        if (initial != null) {
            ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(0, initial);
            return Parameter.pointer(parameterMask, buffer, size);
        }
        if (isNull) {
            return mask == ParameterMasks.NULLABLE_POINTER ? Parameter.nullPointer()
                    : Parameter.pointer(parameterMask, (ByteBuffer) null, 0);
        }
        return Parameter.value(parameterMask, value);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CallArgument)) {
            return false;
        }
        CallArgument that = (CallArgument) other;
        return mask == that.mask && value == that.value && size == that.size && isNull == that.isNull
                && Arrays.equals(initial, that.initial);
    }

    @Override
    public int hashCode() {
        return (mask * 31 + Long.hashCode(value)) * 31 + size;
    }

    @Override
    public String toString() {
        return text;
    }
}

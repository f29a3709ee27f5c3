package dev.servicecall.typed;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;
import java.nio.ByteBuffer;

/**
 * A {@code byte[]}: a pointer to the whole array, written back whole, exactly as
 * {@link Parameter#pointer(byte[])}. In an export the implementation gets an array of the
 * caller's declared size holding the caller's bytes: the service buffer's own backing array when
 * it is exactly that (no copy), else a copy written back after the implementation returns.
 */
final class ArrayParameter extends ParameterPlan {

    ArrayParameter(int index, ParameterMask mask) {
        super(index, mask);
    }

    @Override
    Parameter pack(Object argument, byte[][] scratch) {
        byte[] array = (byte[]) argument;
        return Parameter.pointer(mask, array, 0, array == null ? 0 : array.length);
    }

    @Override
    Object receive(RoutineCall call) {
        ByteBuffer buffer = call.buffer(index);
        if (buffer == null) {
            return null;
        }
        if (isWholeArray(buffer)) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.limit()];
        buffer.get(0, copy);
        return copy;
    }

    @Override
    boolean givesBack() {
        return true;
    }

    @Override
    void giveBack(RoutineCall call, Object argument) {
        ByteBuffer buffer = call.buffer(index);
        if (argument != null && !(isWholeArray(buffer) && buffer.array() == argument)) {
            buffer.put(0, (byte[]) argument);
        }
    }

    private static boolean isWholeArray(ByteBuffer buffer) {
        return buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.array().length == buffer.limit();
    }
}

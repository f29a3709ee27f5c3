package dev.servicecall.typed;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;
import java.nio.ByteBuffer;

/**
 * A {@link ByteBuffer}: a pointer to {@code [position, limit)}, written back there, position
 * untouched, exactly as {@link Parameter#pointer(ByteBuffer)}. In an export the implementation
 * gets the call's own buffer (position 0, limit the declared size, little-endian).
 */
final class ByteBufferParameter extends ParameterPlan {

    ByteBufferParameter(int index, ParameterMask mask) {
        super(index, mask);
    }

    @Override
    Parameter pack(Object argument, byte[][] scratch) {
        ByteBuffer buffer = (ByteBuffer) argument;
        return Parameter.pointer(mask, buffer, buffer == null ? 0 : buffer.remaining());
    }

    @Override
    Object receive(RoutineCall call) {
        return call.buffer(index);
    }
}

package dev.servicecall.typed;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;
import java.nio.ByteBuffer;

/**
 * A holder ({@link ByteRef} ... {@link LongRef}): a pointer to a buffer of the holder's width,
 * little-endian. The direction decides what goes into the buffer and what comes out of it; the
 * wire is that of any pointer buffer.
 */
final class HolderParameter extends ParameterPlan {
    private final HolderType type;
    private final Direction direction;

    HolderParameter(int index, ParameterMask mask, HolderType type, Direction direction) {
        super(index, mask);
        this.type = type;
        this.direction = direction;
    }

    @Override
    Parameter pack(Object argument, byte[][] scratch) {
        if (argument == null) {
            return Parameter.pointer(mask, (byte[]) null, 0, 0);
        }
        byte[] bytes = new byte[type.bytes];
        if (direction != Direction.OUT) {
            type.store(argument, bytes);
        }
        if (direction != Direction.IN) {
            scratch[index] = bytes;
        }
        return Parameter.pointer(mask, bytes, 0, bytes.length);
    }

    @Override
    boolean updatesArgument() {
        return direction != Direction.IN;
    }

    @Override
    void unpack(Object argument, byte[][] scratch) {
        if (argument != null) {
            type.load(argument, scratch[index]);
        }
    }

    @Override
    Object receive(RoutineCall call) throws UnmappableParameterException {
        ByteBuffer buffer = call.buffer(index);
        if (buffer == null) {
            return null;
        }
        if (buffer.limit() < type.bytes) {
            throw new UnmappableParameterException("parameter " + index + ": a buffer of " + buffer.limit()
                    + " bytes cannot hold a " + type.javaType.getSimpleName() + " (" + type.bytes + " bytes)");
        }
        Object holder = type.create();
        if (direction != Direction.OUT) {
            type.load(holder, buffer);
        }
        return holder;
    }

    @Override
    boolean givesBack() {
        return direction != Direction.IN;
    }

    @Override
    void giveBack(RoutineCall call, Object argument) {
        if (argument != null) {
            type.store(argument, call.buffer(index));
        }
    }

    /** Which way a holder's value travels. */
    enum Direction {
        IN, OUT, IN_OUT
    }
}

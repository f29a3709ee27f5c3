package dev.servicecall.protocol;

import dev.servicecall.protocol.wire.CallDecoder;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.Invocation;
import java.nio.ByteBuffer;

/**
 * The {@link Invocation} a routine sees, reused for every call on one service connection (one
 * call at a time). Buffers are slices of the connection's receive buffer: exactly the declared
 * size, position 0, the service's own memory, never the caller's. Valid only while the routine
 * runs on the connection's thread.
 */
final class ServiceInvocation implements Invocation {
    private final String routineName;
    private final CallDecoder call;
    private final ByteBuffer[] buffers;
    private final CallerIdentity caller;

    ServiceInvocation(String routineName, CallDecoder call, ByteBuffer[] buffers, CallerIdentity caller) {
        this.routineName = routineName;
        this.call = call;
        this.buffers = buffers;
        this.caller = caller;
    }

    @Override
    public String routineName() {
        return routineName;
    }

    @Override
    public int parameterCount() {
        return call.parameterCount();
    }

    @Override
    public int mask(int index) {
        return call.mask(index);
    }

    @Override
    public long value(int index) {
        return call.value(index);
    }

    @Override
    public ByteBuffer buffer(int index) {
        call.mask(index); // bounds check
        return buffers[index];
    }

    @Override
    public CallerIdentity caller() {
        return caller;
    }

    @Override
    public String toString() {
        return "call of " + routineName + " by " + caller;
    }
}

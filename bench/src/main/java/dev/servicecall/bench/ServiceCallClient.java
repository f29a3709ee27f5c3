package dev.servicecall.bench;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCaller;

/**
 * One benchmark thread's client on a ServiceCall row. The caller (a session) is shared by all
 * threads, as an application shares one; the parameters are built once, since {@link Parameter}
 * is immutable, so what is measured is the library's own work per call.
 *
 * <p>Not thread-safe: one per client thread.
 */
final class ServiceCallClient implements BenchClient {
    private final ServiceCaller caller;
    private final Parameter[] nullParameters = {
        Parameter.dword(BenchRoutines.NULL_A), Parameter.dword(BenchRoutines.NULL_B)};
    private final Parameter[] echoParameters = new Parameter[1];
    private byte[] echoArray;

    ServiceCallClient(ServiceCaller caller) {
        this.caller = caller;
    }

    @Override
    public int nullCall() throws ServiceCallException {
        return caller.call(BenchRoutines.NULL_NAME, nullParameters);
    }

    @Override
    public byte[] echo(byte[] data) throws ServiceCallException {
        if (echoArray != data) {
            echoArray = data;
            echoParameters[0] = Parameter.pointer(data);
        }
        int status = caller.call(BenchRoutines.ECHO_NAME, echoParameters);
        if (status != 0) {
            throw new IllegalStateException("echo answered service status 0x" + Integer.toHexString(status));
        }
        return data;
    }

    @Override
    public void close() {
        // The session belongs to the row's connector.
    }
}

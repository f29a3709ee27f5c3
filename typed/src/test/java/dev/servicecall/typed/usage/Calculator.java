package dev.servicecall.typed.usage;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.Out;
import dev.servicecall.typed.Routine;

/** The demo service's routines as a typed interface, with a local convenience method. */
public interface Calculator {
    @Routine("ServerPlusInt")
    int plus(int a, int b, @Out IntRef result) throws ServiceCallException;

    @Routine("ServerDecInt")
    void decrement(IntRef value) throws ServiceCallException;

    @Routine("Ping")
    void ping() throws ServiceCallException;

    /** {@code a + b}, or the routine's status as an exception. */
    default int plus(int a, int b) throws ServiceCallException {
        IntRef result = new IntRef();
        int status = plus(a, b, result);
        if (status != 0) {
            throw new ServiceCallException(status, "ServerPlusInt failed");
        }
        return result.get();
    }
}

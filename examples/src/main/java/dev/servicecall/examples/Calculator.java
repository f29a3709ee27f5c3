package dev.servicecall.examples;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCaller;
import dev.servicecall.api.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Example caller code: adds two numbers with the demo service's {@code ServerPlusInt} routine
 * ({@code DWORD, DWORD, POINTER out}). It depends on {@link ServiceCaller} only, so tests can hand
 * it an in-memory session or a Mockito mock.
 */
public final class Calculator {
    /** The routine called. */
    public static final String PLUS = "ServerPlusInt";

    private final ServiceCaller caller;

    /** @param caller where calls go */
    public Calculator(ServiceCaller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    /**
     * {@code a + b}, computed by the service.
     *
     * @throws ServiceCallException when the call fails (transport status), or with the routine's own
     *     status when the routine reports a failure
     */
    public int plus(int a, int b) throws ServiceCallException {
        byte[] result = new byte[4];
        int serviceStatus = caller.call(PLUS, dword(a), dword(b), pointer(result));
        if (serviceStatus != Status.SUCCESS.code()) {
            throw new ServiceCallException(serviceStatus, PLUS + " reported a failure");
        }
        return ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}

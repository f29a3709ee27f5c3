package dev.servicecall.transport.inmemory;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.Routine;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import dev.servicecall.api.Status;
import dev.servicecall.spi.TransportConfig;

/**
 * A private, in-process ServiceCall for unit-testing code that calls routines: register a fake
 * routine in one line, and make chosen calls fail with a chosen transport status.
 *
 * <pre>{@code
 * try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
 *     sc.fake("ServerPlusInt", Signature.of(DWORD, DWORD, POINTER),
 *             call -> { call.buffer(2).putInt(0, call.dword(0) + call.dword(1)); return 0; });
 *     Calculator calculator = new Calculator(sc);          // code under test takes a ServiceCaller
 *     assertEquals(2, calculator.plus(1, 1));
 *     sc.failNextCall("ServerPlusInt", Status.UNSUCCESSFUL);
 *     assertThrows(ServiceCallException.class, () -> calculator.plus(1, 1));
 * }
 * }</pre>
 *
 * <p>It is a complete {@link ServiceCallSession} with the real contract (argument checks, copies of
 * buffers, a thread per call, deadlines, unregister semantics), already initialized, whose name
 * space nobody else shares. Thread-safe.
 */
public final class InMemoryServiceCall implements ServiceCallSession {
    private final ServiceCallSession session;
    private final FaultPlan faults;

    private InMemoryServiceCall(ServiceCallSession session, FaultPlan faults) {
        this.session = session;
        this.faults = faults;
    }

    /** A new session on a new private name space, initialized. */
    public static InMemoryServiceCall create() {
        InMemoryTransportProvider provider = InMemoryTransportProvider.isolated();
        try {
            ServiceCallSession session = ServiceCall.open(provider, TransportConfig.empty());
            session.initialize();
            return new InMemoryServiceCall(session, provider.faults(TransportConfig.empty()));
        } catch (ServiceCallException e) {
            throw new IllegalStateException("the in-memory transport cannot fail to open: " + e.getMessage(), e);
        }
    }

    /**
     * Registers a fake routine; for tests, failures are unchecked.
     *
     * @throws IllegalStateException carrying the ServiceCallException when registration fails
     */
    public ServiceRegistration fake(String name, Signature signature, Routine routine) {
        try {
            return register(name, signature, routine);
        } catch (ServiceCallException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Makes the next call of {@code name} fail with transport status {@code status} (it is thrown
     * as a ServiceCallException, the routine does not run). Calls queue up: two calls of this
     * method fail the next two calls.
     */
    public void failNextCall(String name, Status status) {
        faults.failNext(name, status.code());
    }

    /** Makes every call of {@code name} fail with {@code status} until {@link #clearFailures(String)}. */
    public void failAllCalls(String name, Status status) {
        faults.failAlways(name, status.code());
    }

    /** Removes the failures planned for {@code name}. */
    public void clearFailures(String name) {
        faults.clear(name);
    }

    @Override
    public String transportName() {
        return session.transportName();
    }

    @Override
    public int call(String name, CallOptions options, Parameter... parameters) throws ServiceCallException {
        return session.call(name, options, parameters);
    }

    @Override
    public void initialize() throws ServiceCallException {
        session.initialize();
    }

    @Override
    public ServiceRegistration register(String name, Signature signature, Routine routine) throws ServiceCallException {
        return session.register(name, signature, routine);
    }

    @Override
    public void unregister(ServiceRegistration registration) throws ServiceCallException {
        session.unregister(registration);
    }

    @Override
    public void close() {
        session.close();
    }
}

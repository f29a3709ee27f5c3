package dev.servicecall.api;

import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import java.util.Objects;

/**
 * Entry point: opens a {@link ServiceCallSession} on a transport.
 *
 * <p>Which transport: the name given to {@link #open(String)}, else the system property
 * {@value #TRANSPORT_PROPERTY}, else the available provider with the highest priority found by
 * {@link java.util.ServiceLoader} (JNR 60, JNA 50, in-memory 0). A name that cannot be honoured
 * is an error, never silently replaced. Settings come from system properties starting with
 * {@code servicecall.} (see {@link TransportConfig}).
 *
 * <pre>{@code
 * try (ServiceCallSession sc = ServiceCall.open()) {
 *     sc.initialize();                                             // ScInitializeService
 *     ServiceRegistration reg = sc.register("ServerPlusInt",      // ScRegisterServiceRoutine
 *             Signature.of(DWORD, DWORD, POINTER),
 *             call -> { call.buffer(2).putInt(0, call.dword(0) + call.dword(1)); return 0; });
 *     byte[] out = new byte[4];
 *     int serviceStatus = sc.call("ServerPlusInt",                 // ScServiceCall
 *             Parameter.dword(1), Parameter.dword(1), Parameter.pointer(out));
 *     sc.unregister(reg);                                          // ScUnregisterServiceRoutine
 * }
 * }</pre>
 */
public final class ServiceCall {
    /** The system property that names the transport to use. */
    public static final String TRANSPORT_PROPERTY = TransportConfig.TRANSPORT;

    private ServiceCall() {
    }

    /** Opens a session on the selected transport (see class doc). */
    public static ServiceCallSession open() throws ServiceCallException {
        return open(System.getProperty(TRANSPORT_PROPERTY));
    }

    /**
     * Opens a session on the transport named {@code transportName}, or selects by priority when
     * it is {@code null}.
     *
     * @throws TransportSelectionException when that transport is not there or not available
     * @throws ServiceCallException when the transport cannot be opened
     */
    public static ServiceCallSession open(String transportName) throws ServiceCallException {
        TransportProvider provider = TransportSelector.fromServiceLoader().select(transportName);
        return open(provider, TransportConfig.fromSystemProperties());
    }

    /**
     * Opens a session on a given provider with given settings, bypassing selection (the TCK and
     * tests use this).
     *
     * @throws ServiceCallException when the transport cannot be opened
     */
    public static ServiceCallSession open(TransportProvider provider, TransportConfig config)
            throws ServiceCallException {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(config, "config");
        if (!provider.availability().isAvailable()) {
            throw new TransportSelectionException("transport '" + provider.name() + "' is " + provider.availability());
        }
        try {
            return new TransportSession(provider.name(), provider.open(config));
        } catch (StatusException e) {
            throw new ServiceCallException(e.status(), "opening transport '" + provider.name() + "' failed", e);
        }
    }
}

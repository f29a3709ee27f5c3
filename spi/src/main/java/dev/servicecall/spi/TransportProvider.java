package dev.servicecall.spi;

/**
 * Entry point of a transport, found with {@link java.util.ServiceLoader}: list the
 * implementation class in {@code META-INF/services/dev.servicecall.spi.TransportProvider} (and
 * {@code provides} in {@code module-info} where the jar is a module).
 *
 * <p>Rules: the public no-argument constructor and static initialisation never throw, even when
 * native libraries are missing; probe once (lazily or in the constructor, catching everything),
 * keep the result and answer {@link #availability()} from it. All methods are thread-safe.
 *
 * <p>Selection: an explicit name (argument or system property {@code servicecall.transport})
 * picks the provider with that {@link #name()}; otherwise the available provider with the highest
 * {@link #priority()} wins, ties broken by name.
 */
public interface TransportProvider {
    /** A short, unique, lower-case name, e.g. {@code jna}; what users put in {@code servicecall.transport}. */
    String name();

    /** Higher wins when no transport is named. Built-in: in-memory 0, JNA 50, JNR 60. */
    int priority();

    /** Whether this provider can open a transport here, with the cause when it cannot. */
    Availability availability();

    /**
     * Opens a transport. Each call gives an independent transport (its own registrations and
     * connections) that the caller must close.
     *
     * @throws StatusException UNSUCCESSFUL or NO_MEMORY when it cannot be opened, with the reason
     */
    Transport open(TransportConfig config) throws StatusException;
}

package dev.servicecall.api;

/**
 * The handle of a registered routine ({@code HANDLE hServiceRoutine} of the original).
 * Thread-safe.
 */
public interface ServiceRegistration extends AutoCloseable {
    /** The registered name. */
    String name();

    /** The registered signature. */
    Signature signature();

    /** Whether the routine is still registered through this handle. */
    boolean isRegistered();

    /**
     * Unregisters if still registered, as {@link ServiceHost#unregister}; does nothing otherwise.
     * Never throws: use {@link ServiceHost#unregister} to be told about a second unregister.
     */
    @Override
    void close();
}

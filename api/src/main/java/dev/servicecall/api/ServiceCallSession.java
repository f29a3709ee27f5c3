package dev.servicecall.api;

/**
 * An open transport: both the client side ({@link ServiceCaller}) and the service side
 * ({@link ServiceHost}) of one process, as {@link ServiceCall#open()} gives it.
 *
 * <p>Thread-safe. Closing it unregisters every routine it registered (their callers in flight get
 * UNSUCCESSFUL), closes its connections and frees its OS resources; afterwards every operation
 * fails with UNSUCCESSFUL.
 */
public interface ServiceCallSession extends ServiceCaller, ServiceHost, AutoCloseable {
    /** The name of the transport behind this session, e.g. {@code jna}. */
    String transportName();

    /** Ends the session as described above. Idempotent; never throws. */
    @Override
    void close();
}

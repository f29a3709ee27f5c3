package dev.servicecall.api;

/**
 * The service side: publishes routines under names. Thread-safe.
 */
public interface ServiceHost {

    /**
     * {@code ScInitializeService}: makes this host able to register routines. Idempotent; a
     * client-only process never needs it.
     *
     * @throws ServiceCallException NO_MEMORY when the transport cannot prepare its resources
     */
    void initialize() throws ServiceCallException;

    /**
     * {@code ScRegisterServiceRoutine}: publishes {@code routine} under {@code name} with
     * {@code signature}. From the return on, callers of any process using the same transport and
     * name space can call it. Each call runs on its own thread.
     *
     * @return the handle; closing it unregisters
     * @throws ServiceCallException ACCESS_VIOLATION (a null argument), NOT_SUPPORTED (before
     *     {@link #initialize()}), OBJECT_NAME_INVALID (empty, too long, bad characters),
     *     INVALID_PARAMETER_3 (an invalid mask, or more than 64 parameters), OBJECT_NAME_EXISTS
     *     (registered already, here or by another live process; nothing was registered),
     *     NO_MEMORY (the listener could not be created)
     */
    ServiceRegistration register(String name, Signature signature, Routine routine) throws ServiceCallException;

    /**
     * {@code ScUnregisterServiceRoutine}: withdraws the routine at once. Does not wait for calls in
     * flight: their callers get UNSUCCESSFUL promptly and nothing is written back to them; new
     * calls get INVALID_PARAMETER_1; the name is free to register again when this returns.
     *
     * @throws ServiceCallException ACCESS_VIOLATION for null, INVALID_PARAMETER for a handle that
     *     is not registered (already unregistered, or from another host)
     */
    void unregister(ServiceRegistration registration) throws ServiceCallException;
}

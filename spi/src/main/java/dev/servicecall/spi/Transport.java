package dev.servicecall.spi;

/**
 * The transport contract: how calls reach routines, in this process or another.
 *
 * <p><b>Who calls what.</b> Applications never call a transport directly; the application layer
 * ({@code dev.servicecall.api}) checks every argument first and then calls these methods. What
 * it has checked is stated per method; a transport does not need to check it again, but must
 * check everything that arrives from another process (SPEC section 6).
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread, concurrently, including
 * {@link #call(CallRequest)} from many threads at once and {@link #unregister(Registration)}
 * while calls to that routine are in flight.
 *
 * <p><b>Lifecycle.</b> {@link #initializeService()} is called once before the first
 * {@link #register}; a transport used only as a client never sees it. {@link #close()} ends
 * everything: it unregisters every routine this transport registered (callers in flight get
 * UNSUCCESSFUL), closes connections and frees OS resources; afterwards every method but
 * {@code close} throws {@link StatusException} with UNSUCCESSFUL.
 *
 * <p><b>Statuses.</b> Each method lists the statuses it may throw. A transport must not throw
 * unchecked exceptions for outcomes in this list; an unchecked exception from a transport is a
 * transport bug and the application layer reports it as UNSUCCESSFUL.
 */
public interface Transport extends AutoCloseable {

    /**
     * {@code ScInitializeService}: prepares this process to host routines (for example creates the
     * namespace directory). Idempotent.
     *
     * @throws StatusException NO_MEMORY when the resources cannot be obtained
     */
    void initializeService() throws StatusException;

    /**
     * {@code ScRegisterServiceRoutine}: publishes {@code handler} under {@code name}.
     *
     * <p>Checked already: the name passes {@link RoutineNames#check}, the signature passes
     * {@link Signatures#checkTemplate}, the handler is not null, and {@link #initializeService()}
     * was called. On return the name is callable from every client of this transport.
     *
     * @throws StatusException OBJECT_NAME_EXISTS when the name is registered, in this process or
     *     in another live one (nothing is registered then); NO_MEMORY when the listener cannot be
     *     created
     */
    Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException;

    /**
     * {@code ScUnregisterServiceRoutine}: withdraws a routine at once, without waiting for the calls
     * in flight. When this returns: new calls get INVALID_PARAMETER_1; calls in flight have got, or
     * promptly get, UNSUCCESSFUL and nothing is written back to them; the name may be registered
     * again.
     *
     * @throws StatusException INVALID_PARAMETER for a registration that is not (or no longer)
     *     registered with this transport
     */
    void unregister(Registration registration) throws StatusException;

    /**
     * {@code ScServiceCall}: calls a routine and waits for it.
     *
     * <p>Checked already: see {@link CallRequest}. The transport then checks, in this order: the
     * name is registered (INVALID_PARAMETER_1), the signature matches
     * ({@link Signatures#matches}, else INVALID_PARAMETER_2), and delivers the call. On return the
     * buffers have been copied back.
     *
     * @return the routine's service status, unchanged; or a status produced by the service side
     *     instead of running the routine: INVALID_PARAMETER (a pointer could not be mapped),
     *     UNHANDLED_EXCEPTION (the routine threw; nothing written back), ACCESS_DENIED (results
     *     could not be written back)
     * @throws StatusException INVALID_PARAMETER_1, INVALID_PARAMETER_2, UNSUCCESSFUL (service
     *     unreachable or gone during the call; nothing written back), IO_TIMEOUT (the request's
     *     deadline passed; nothing written back)
     */
    int call(CallRequest request) throws StatusException;

    /** Ends this transport as described above. Idempotent; never throws. */
    @Override
    void close();
}

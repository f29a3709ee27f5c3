package dev.servicecall.api;

/**
 * The client side: calls a routine by name. This is what caller code should depend on, so that it
 * can be unit-tested with the in-memory transport or a Mockito mock.
 *
 * <p>Thread-safe: any number of threads may call concurrently.
 */
public interface ServiceCaller {

    /**
     * {@code ScServiceCall}: calls the routine {@code name} with {@code parameters}, without a
     * deadline, and waits for it. See {@link #call(String, CallOptions, Parameter...)}.
     */
    default int call(String name, Parameter... parameters) throws ServiceCallException {
        return call(name, CallOptions.defaults(), parameters);
    }

    /**
     * {@code ScServiceCall}: calls the routine {@code name} and waits for it.
     *
     * <p>Checks, in this order (SPEC section 2): ACCESS_VIOLATION (null name, null parameter list
     * or element, a buffer region outside its array or buffer, a read-only buffer),
     * INVALID_PARAMETER_2 (an invalid mask, too many parameters, a null non-nullable pointer),
     * OBJECT_NAME_INVALID (a name no transport can represent), INVALID_PARAMETER_1 (no such
     * routine), INVALID_PARAMETER_2 (the masks differ from the registered signature), then
     * delivery: UNSUCCESSFUL (unreachable, or the service went away during the call), IO_TIMEOUT
     * (the deadline passed). After any of these nothing has been written to the caller's buffers.
     *
     * @return the <em>service status</em>: the routine's own return value, unchanged, after its
     *     buffers were written back; or, produced by the service instead, INVALID_PARAMETER (a
     *     pointer could not be mapped, the routine did not run), UNHANDLED_EXCEPTION (the routine
     *     threw; nothing written back) or ACCESS_DENIED (results could not be written back)
     * @throws ServiceCallException with the transport status listed above
     */
    int call(String name, CallOptions options, Parameter... parameters) throws ServiceCallException;
}

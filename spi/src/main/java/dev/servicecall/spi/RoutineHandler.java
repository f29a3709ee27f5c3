package dev.servicecall.spi;

/**
 * The service-side code a transport runs for each call of a registered name.
 *
 * <p>A transport runs every call on its own thread and may run a handler concurrently with
 * itself. When the handler returns, its int is the <em>service status</em>, delivered to the
 * caller unchanged, and the buffers are copied back. When it throws, the caller gets the service
 * status {@link NtStatus#UNHANDLED_EXCEPTION} and nothing is copied back.
 */
@FunctionalInterface
public interface RoutineHandler {
    /**
     * Runs one call.
     *
     * @return the service status, any int
     * @throws Exception anything; reported to the caller as UNHANDLED_EXCEPTION
     */
    int invoke(Invocation invocation) throws Exception;
}

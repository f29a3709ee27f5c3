package dev.servicecall.api;

/**
 * A service routine: the code that runs for each call of a registered name.
 *
 * <p>Each call runs on its own thread, possibly concurrently with other calls of the same
 * routine. The int returned is the service status the caller receives unchanged; pointer buffers
 * are then written back to the caller. If the routine throws, the caller gets
 * {@link Status#UNHANDLED_EXCEPTION} as service status and nothing is written back.
 */
@FunctionalInterface
public interface Routine {
    /**
     * Runs one call.
     *
     * @param call the parameters and the caller's identity, valid until this method returns
     * @return the service status, any int (user-defined; {@code 0} is SUCCESS by convention)
     * @throws Exception reported to the caller as UNHANDLED_EXCEPTION
     */
    int run(RoutineCall call) throws Exception;
}

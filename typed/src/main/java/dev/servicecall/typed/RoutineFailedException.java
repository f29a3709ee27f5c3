package dev.servicecall.typed;

import dev.servicecall.api.ServiceCallException;
import java.util.Optional;

/**
 * A routine ran and answered a service status that its {@code void} method does not count as
 * success ({@code 0}, or the statuses of {@link SuccessStatuses}).
 *
 * <p>On a proxy: thrown by a {@code void} routine method; {@link #status()} is the routine's
 * service status, exactly as it came (it may be a status the service produced in the routine's
 * place: UNHANDLED_EXCEPTION when the implementation threw, INVALID_PARAMETER when a pointer
 * could not be mapped). It is a {@link ServiceCallException}, so the {@code throws
 * ServiceCallException} every routine method declares covers it; catch it first to tell a
 * routine's answer from a transport failure. Holders were updated before it was thrown, as for
 * any call that returned a service status, so an out value the routine wrote with its failure
 * (a needed length, say) can still be read.
 *
 * <p>In an export: an implementation may throw it to answer {@link #status()} as its service
 * status (for {@code void} and {@code int} methods alike). The call then counts as returned: its
 * buffers and holders are written back. This also holds for one thrown by a nested typed call
 * that the implementation lets escape: the nested routine's status is passed on. Any other
 * exception makes the service answer UNHANDLED_EXCEPTION, with nothing written back.
 */
public class RoutineFailedException extends ServiceCallException {
    private final String routineName;

    /**
     * For implementations: answer {@code serviceStatus}.
     *
     * @param serviceStatus the service status the caller gets
     * @param detail what went wrong (stays in this process; only the status travels)
     */
    public RoutineFailedException(int serviceStatus, String detail) {
        super(serviceStatus, detail);
        this.routineName = null;
    }

    RoutineFailedException(String routineName, String methodLabel, int serviceStatus) {
        super(serviceStatus, "the service status of routine '" + routineName + "' (" + methodLabel
                + "), which does not count as success");
        this.routineName = routineName;
    }

    /** The service status. Same as {@link #status()}. */
    public int serviceStatus() {
        return status();
    }

    /** The routine that answered the status, when thrown by a proxy; empty when thrown by an implementation. */
    public Optional<String> routineName() {
        return Optional.ofNullable(routineName);
    }
}

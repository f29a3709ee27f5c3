package dev.servicecall.api;

import dev.servicecall.spi.NtStatus;
import java.util.Optional;

/**
 * An operation of the library ended with a failure status. The exact status is kept
 * ({@link #status()}) and the message starts with it, rendered as
 * {@code 0xC00000EF STATUS_INVALID_PARAMETER_1}, followed by what happened.
 *
 * <p>This carries <em>transport</em> outcomes only. A routine's own service status is the return
 * value of {@link ServiceCaller#call}, never an exception.
 */
public class ServiceCallException extends Exception {
    private final int status;

    /**
     * @param status the failure status
     * @param detail what happened and, where useful, what to do
     */
    public ServiceCallException(int status, String detail) {
        this(status, detail, null);
    }

    /** As {@link #ServiceCallException(int, String)}, with the cause. */
    public ServiceCallException(int status, String detail, Throwable cause) {
        super(NtStatus.describe(status) + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause);
        this.status = status;
    }

    /** The raw status. */
    public int status() {
        return status;
    }

    /** The named status, when it is one of the contract's (it always is for statuses the library produces). */
    public Optional<Status> namedStatus() {
        return Status.of(status);
    }

    /** Whether the status is {@code expected}. */
    public boolean is(Status expected) {
        return expected.code() == status;
    }
}

package dev.servicecall.spi;

/**
 * A transport operation ended with a contract status other than {@link NtStatus#SUCCESS}.
 *
 * <p>The message always starts with the rendered status ({@link NtStatus#describe(int)}) followed
 * by the detail the transport gave. The stack trace is not filled in: these exceptions are the
 * ordinary way a transport reports an outcome, and filling it would cost on every failed call.
 */
public class StatusException extends Exception {
    private final int status;

    /**
     * @param status the contract status, never {@link NtStatus#SUCCESS}
     * @param detail what happened, in words a user can act on
     */
    public StatusException(int status, String detail) {
        this(status, detail, null);
    }

    /** As {@link #StatusException(int, String)}, keeping the underlying cause. */
    public StatusException(int status, String detail, Throwable cause) {
        super(NtStatus.describe(status) + (detail == null || detail.isEmpty() ? "" : ": " + detail), cause, true, false);
        if (status == NtStatus.SUCCESS) {
            throw new IllegalArgumentException("SUCCESS is not a failure status");
        }
        this.status = status;
    }

    /** The contract status this failure carries. */
    public int status() {
        return status;
    }
}

package dev.servicecall.tck;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.spi.NtStatus;
import java.time.Duration;

/**
 * How one operation ended, as the kit records it: returned a service status, failed with a
 * transport status ({@link ServiceCallException}), threw something else (a transport bug), or did
 * not end within the kit's bound. Immutable.
 */
public final class Outcome {
    /** The kinds of ending. */
    public enum Kind {
        /** Returned normally; {@link #status()} is the service status. */
        RETURNED,
        /** Threw a ServiceCallException; {@link #status()} is its transport status. */
        FAILED,
        /** Threw anything else. */
        CRASHED,
        /** Did not end within the kit's bound. */
        HUNG
    }

    private final Kind kind;
    private final int status;
    private final String detail;
    private final Duration elapsed;

    private Outcome(Kind kind, int status, String detail, Duration elapsed) {
        this.kind = kind;
        this.status = status;
        this.detail = detail;
        this.elapsed = elapsed;
    }

    static Outcome returned(int serviceStatus, Duration elapsed) {
        return new Outcome(Kind.RETURNED, serviceStatus, "", elapsed);
    }

    static Outcome of(Throwable thrown, Duration elapsed) {
        if (thrown instanceof ServiceCallException) {
            return new Outcome(Kind.FAILED, ((ServiceCallException) thrown).status(), thrown.getMessage(), elapsed);
        }
        return new Outcome(Kind.CRASHED, 0, String.valueOf(thrown), elapsed);
    }

    static Outcome hung(Duration bound) {
        return new Outcome(Kind.HUNG, 0, "no outcome within " + bound.toMillis() + " ms", bound);
    }

    /** How it ended. */
    public Kind kind() {
        return kind;
    }

    /** The service status (RETURNED) or transport status (FAILED); 0 otherwise. */
    public int status() {
        return status;
    }

    /** How long it took until the kit saw the outcome. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Whether it returned the service status {@code serviceStatus}. */
    public boolean returned(int serviceStatus) {
        return kind == Kind.RETURNED && status == serviceStatus;
    }

    /** Whether it failed with the transport status {@code transportStatus}. */
    public boolean failedWith(int transportStatus) {
        return kind == Kind.FAILED && status == transportStatus;
    }

    /** E.g. {@code failed with transport status 0xC00000EF STATUS_INVALID_PARAMETER_1 after 3 ms (detail)}. */
    @Override
    public String toString() {
        switch (kind) {
            case RETURNED:
                return "returned service status " + NtStatus.describe(status) + " after " + elapsed.toMillis() + " ms";
            case FAILED:
                return "failed with transport status " + NtStatus.describe(status) + " after " + elapsed.toMillis()
                        + " ms (" + detail + ")";
            case CRASHED:
                return "threw " + detail + " after " + elapsed.toMillis() + " ms (a transport must report statuses, not throw)";
            default:
                return "did not end: " + detail;
        }
    }
}

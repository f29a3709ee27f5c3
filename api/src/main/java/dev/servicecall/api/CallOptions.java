package dev.servicecall.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call options. Immutable. The default has no deadline, as in the original.
 */
public final class CallOptions {
    private static final CallOptions DEFAULT = new CallOptions(null);

    private final Duration timeout;

    private CallOptions(Duration timeout) {
        this.timeout = timeout;
    }

    /** No deadline: the call waits for the routine however long it takes, or for the service to go away. */
    public static CallOptions defaults() {
        return DEFAULT;
    }

    /**
     * A deadline {@code timeout} after the call starts. When it passes the call ends with
     * IO_TIMEOUT and nothing is written back; the routine is not stopped.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public static CallOptions timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new CallOptions(timeout);
    }

    /** The deadline, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    long timeoutNanos() {
        if (timeout == null) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return timeout == null ? "no deadline" : "timeout " + timeout;
    }
}

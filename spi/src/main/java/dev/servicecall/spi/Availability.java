package dev.servicecall.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a {@link TransportProvider} can work on this machine, and if not, why. Immutable.
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(null, null);

    private final String reason;
    private final Throwable cause;

    private Availability(String reason, Throwable cause) {
        this.reason = reason;
        this.cause = cause;
    }

    /** The provider can open transports. */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The provider cannot work here.
     *
     * @param reason what is missing, in words that tell the user what to do
     * @param cause the exception the probe caught, or {@code null}
     */
    public static Availability unavailable(String reason, Throwable cause) {
        return new Availability(Objects.requireNonNull(reason, "reason"), cause);
    }

    /** Whether the provider can open transports. */
    public boolean isAvailable() {
        return reason == null;
    }

    /** Why not; empty when available. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The exception behind the reason, when there was one. */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(cause);
    }

    @Override
    public String toString() {
        if (reason == null) {
            return "available";
        }
        return "unavailable: " + reason + (cause == null ? "" : " (" + cause + ")");
    }
}

package dev.servicecall.protocol;

import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Base of the native transports' providers: a binding module subclasses it with a public
 * no-argument constructor that passes its name, priority, availability probe and backend factory,
 * and lists the subclass in {@code META-INF/services/dev.servicecall.spi.TransportProvider}.
 *
 * <pre>{@code
 * public final class JnaTransportProvider extends NativeTransportProvider {
 *     public JnaTransportProvider() {
 *         super("jna", 50, JnaProbe::probe, JnaBackends::create);
 *     }
 * }
 * }</pre>
 *
 * <p>The probe runs once, on the first {@link #availability()} or {@link #open} call, never in a
 * constructor; whatever it throws (including {@link LinkageError} from a missing native library)
 * is caught and reported as unavailability. Thread-safe.
 */
public abstract class NativeTransportProvider implements TransportProvider {
    /** Creates the OS backend for one transport. */
    @FunctionalInterface
    public interface BackendFactory {
        /**
         * @param config the transport's settings (the namespace setting is read here)
         * @throws StatusException UNSUCCESSFUL or NO_MEMORY with the reason when it cannot be created
         */
        OsBackend create(TransportConfig config) throws StatusException;
    }

    private final String name;
    private final int priority;
    private final Supplier<Availability> probe;
    private final BackendFactory backends;
    private volatile Availability availability;

    /**
     * @param name the provider name users select it by, e.g. {@code jna}
     * @param priority the selection priority (JNA 50, JNR 60)
     * @param probe checks, once, that the native binding works on this machine
     * @param backends creates a backend per opened transport
     */
    protected NativeTransportProvider(String name, int priority, Supplier<Availability> probe,
            BackendFactory backends) {
        this.name = Objects.requireNonNull(name, "name");
        this.priority = priority;
        this.probe = Objects.requireNonNull(probe, "probe");
        this.backends = Objects.requireNonNull(backends, "backends");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final Availability availability() {
        Availability known = availability;
        if (known == null) {
            synchronized (this) {
                known = availability;
                if (known == null) {
                    known = runProbe();
                    availability = known;
                }
            }
        }
        return known;
    }

    private Availability runProbe() {
        try {
            Availability result = probe.get();
            return result != null ? result
                    : Availability.unavailable("the " + name + " probe gave no answer", null);
        } catch (Throwable e) {
            return Availability.unavailable("the " + name + " native binding cannot be loaded: " + e, e);
        }
    }

    @Override
    public final Transport open(TransportConfig config) throws StatusException {
        Availability state = availability();
        if (!state.isAvailable()) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "transport '" + name + "' is not available: "
                    + state.reason().orElse("unknown reason"), state.cause().orElse(null));
        }
        try {
            config.maxBufferBytes(); // reject a malformed setting before creating anything
        } catch (IllegalArgumentException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, e.getMessage(), e);
        }
        OsBackend backend;
        try {
            backend = backends.create(config);
        } catch (RuntimeException | LinkageError e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "transport '" + name + "' cannot create its backend: "
                    + e, e);
        }
        if (backend == null) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "transport '" + name + "' created no backend");
        }
        return new NativeTransport(backend, config);
    }

    @Override
    public String toString() {
        return name + " (priority " + priority + ", " + availability() + ")";
    }
}

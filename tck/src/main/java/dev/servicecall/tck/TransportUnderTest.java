package dev.servicecall.tck;

import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The hook a transport gives the kit: the provider to test, its settings for one test, and what
 * it declares it can do. Only {@link #provider()} must be written; the rest has defaults.
 *
 * <pre>{@code
 * static final TransportUnderTest JNR = new TransportUnderTest() {
 *     public TransportProvider provider() { return new JnrTransportProvider(); }
 *     public Set<Capability> capabilities() {
 *         return EnumSet.of(Capability.SERVICE_IN_OTHER_PROCESS, Capability.CALLER_UID_KNOWN);
 *     }
 * };
 * }</pre>
 *
 * Implementations must be thread-safe and may be shared by all tests.
 */
public abstract class TransportUnderTest {

    /** The provider under test; called once per session the kit opens. */
    public abstract TransportProvider provider();

    /**
     * The settings of one test, whose own empty directory is {@code workDir}. Both the caller and
     * the service side of the test open the provider with them (a child service side too), so they
     * must name a name space private to the test. The default sets
     * {@link TransportConfig#NAMESPACE} to {@code workDir/ns}.
     */
    public TransportConfig config(Path workDir) {
        return TransportConfig.empty().with(TransportConfig.NAMESPACE, workDir.resolve("ns").toString());
    }

    /** What the transport can do; the default is nothing optional. */
    public Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Only with {@link Capability#LISTENER_RESOURCES_CAN_BE_DENIED}: settings under which a
     * session opens but its initialize or register cannot obtain listener resources (for a socket
     * transport, e.g. a name space directory below a regular file).
     */
    public TransportConfig configWithoutListenerResources(Path workDir) {
        throw new UnsupportedOperationException("declare Capability.LISTENER_RESOURCES_CAN_BE_DENIED and override this");
    }

    /**
     * How soon "promptly" must happen: callers in flight learning that their routine was
     * unregistered or their service died, a deadline being noticed. Default 5 s, generous for a
     * loaded machine; the rules only need it bounded.
     */
    public Duration promptly() {
        return Duration.ofSeconds(5);
    }

    /** The longest the kit waits for any one call before it reports the transport hanging. Default 30 s. */
    public Duration callBound() {
        return Duration.ofSeconds(30);
    }

    /** Extra options for a child service side's JVM (e.g. {@code -Djna.library.path=...}). Default none. */
    public List<String> childJvmOptions() {
        return List.of();
    }

    /** The transport's name in test reports: the provider's name. */
    @Override
    public String toString() {
        return provider().name();
    }
}

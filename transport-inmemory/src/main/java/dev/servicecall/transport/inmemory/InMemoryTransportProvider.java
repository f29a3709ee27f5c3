package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;

/**
 * The in-memory transport ({@code inmemory}, priority 0: chosen only when nothing else is there or
 * when named). Transports opened with the same {@link TransportConfig#NAMESPACE} setting (default
 * {@code default}) share one JVM-wide name space, so a "service" session and a "client" session
 * in one test see each other. For an isolated fake, use {@link InMemoryServiceCall#create()}.
 * {@link TransportConfig#MAX_BUFFER_BYTES} limits, as on every transport, the pointers the routines
 * of a transport accept (a larger one is service status INVALID_PARAMETER, the routine not run).
 */
public final class InMemoryTransportProvider implements TransportProvider {
    /** The provider name, for {@code -Dservicecall.transport=inmemory}. */
    public static final String NAME = "inmemory";

    private final InMemoryNamespace isolated;

    /** The ServiceLoader constructor: shared name spaces chosen by configuration. */
    public InMemoryTransportProvider() {
        this(null);
    }

    private InMemoryTransportProvider(InMemoryNamespace isolated) {
        this.isolated = isolated;
    }

    /** A provider whose transports all share one new, private name space. */
    public static InMemoryTransportProvider isolated() {
        return new InMemoryTransportProvider(InMemoryNamespace.isolated());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Transport open(TransportConfig config) {
        return new InMemoryTransport(isolated != null ? isolated
                : InMemoryNamespace.shared(config.get(TransportConfig.NAMESPACE).orElse("default")),
                config.maxBufferBytes());
    }

    FaultPlan faults(TransportConfig config) {
        return (isolated != null ? isolated
                : InMemoryNamespace.shared(config.get(TransportConfig.NAMESPACE).orElse("default"))).faults();
    }
}

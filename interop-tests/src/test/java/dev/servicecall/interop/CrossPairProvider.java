package dev.servicecall.interop;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.transport.jna.JnaTransportProvider;
import dev.servicecall.transport.jnr.JnrTransportProvider;

/**
 * A provider that is JNA or JNR, so that the compatibility kit can put the caller on one
 * transport and the service on the other. The kit opens a child service side by the provider's
 * class name with its no-argument constructor: that constructor reads {@value #TRANSPORT_PROPERTY},
 * which {@link CrossPair} passes to the child JVM only. In the test JVM the transport is given
 * to the constructor.
 */
public final class CrossPairProvider implements TransportProvider {
    /** Names the transport (jna or jnr) of the JVM that constructs this provider without arguments. */
    public static final String TRANSPORT_PROPERTY = "servicecall.interop.transport";

    private final TransportProvider delegate;

    /** The child JVM's constructor: the transport named by {@value #TRANSPORT_PROPERTY}. */
    public CrossPairProvider() {
        this(System.getProperty(TRANSPORT_PROPERTY, "unset"));
    }

    /** @param transport {@code jna} or {@code jnr} */
    public CrossPairProvider(String transport) {
        switch (transport) {
            case JnaTransportProvider.NAME:
                delegate = new JnaTransportProvider();
                break;
            case JnrTransportProvider.NAME:
                delegate = new JnrTransportProvider();
                break;
            default:
                throw new IllegalArgumentException(TRANSPORT_PROPERTY + " must be jna or jnr, was " + transport);
        }
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int priority() {
        return delegate.priority();
    }

    @Override
    public Availability availability() {
        return delegate.availability();
    }

    @Override
    public Transport open(TransportConfig config) throws StatusException {
        return delegate.open(config);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}

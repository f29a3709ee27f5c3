package dev.servicecall.cli;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.TransportSelectionException;
import dev.servicecall.api.TransportSelector;
import dev.servicecall.protocol.NativeTransport;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;

/**
 * The transport a command works over, from {@code --transport NAME} (else the system property
 * {@code servicecall.transport}, else the available provider of highest priority) and
 * {@code --namespace DIR} (else {@code servicecall.namespace}, else the per-user default).
 * Immutable.
 */
final class TransportChoice {
    private final String command;
    private final String transportName;
    private final String namespace;

    private TransportChoice(String command, String transportName, String namespace) {
        this.command = command;
        this.transportName = transportName;
        this.namespace = namespace;
    }

    /** Reads {@code --transport} and {@code --namespace} from a command's options. */
    static TransportChoice from(String command, Options options) throws UsageException {
        String transport = options.value("--transport").orElse(System.getProperty(TransportConfig.TRANSPORT));
        String namespace = options.value("--namespace").orElse(null);
        if (transport != null && transport.isBlank()) {
            throw new UsageException(command, "--transport needs a name, e.g. --transport jna");
        }
        if (namespace != null && namespace.isBlank()) {
            throw new UsageException(command, "--namespace needs a directory (Windows: a pipe-name prefix)");
        }
        return new TransportChoice(command, transport, namespace);
    }

    /**
     * The selected provider.
     *
     * @throws UsageException when the named transport is unknown or unavailable, or none is
     *     available; the message lists every provider seen and why it was rejected
     */
    TransportProvider provider() throws UsageException {
        try {
            return TransportSelector.fromServiceLoader().select(transportName);
        } catch (TransportSelectionException e) {
            throw new UsageException(command, e.getMessage());
        }
    }

    /** The settings: system properties {@code servicecall.*}, with {@code --namespace} applied. */
    TransportConfig config() {
        TransportConfig config = TransportConfig.fromSystemProperties();
        return namespace == null ? config : config.with(TransportConfig.NAMESPACE, namespace);
    }

    /** Opens a session (caller and host) on the chosen transport. */
    ServiceCallSession openSession() throws UsageException, ServiceCallException {
        return ServiceCall.open(provider(), config());
    }

    /**
     * Opens the chosen transport itself, for what only a native transport can do (list names,
     * describe routines).
     *
     * @throws UsageException when the transport is not a native one
     * @throws StatusException when it cannot be opened
     */
    NativeTransport openNative() throws UsageException, StatusException {
        TransportProvider provider = provider();
        Transport transport = provider.open(config());
        if (transport instanceof NativeTransport) {
            return (NativeTransport) transport;
        }
        transport.close();
        throw new UsageException(command, "transport '" + provider.name() + "' cannot list or describe routines;"
                + " that needs a native transport (--transport jna)");
    }
}

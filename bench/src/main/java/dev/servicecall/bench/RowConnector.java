package dev.servicecall.bench;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import java.nio.file.Path;

/**
 * A row's client side inside a benchmark JVM: opened once per trial, hands each benchmark thread
 * a {@link BenchClient}. Thread-safe ({@link #newClient()} may be called from every benchmark
 * thread); {@link #close()} releases what the row opened, including an in-process service.
 */
abstract class RowConnector implements AutoCloseable {

    /** A client for one benchmark thread. */
    abstract BenchClient newClient() throws Exception;

    @Override
    public abstract void close();

    /** Opens the client side of {@code target}. */
    static RowConnector open(RowTarget target) throws Exception {
        switch (target.kind()) {
            case NIO:
                return new Nio(Path.of(target.endpoint()));
            case RMI:
                return new Rmi(RmiClient.lookup(Integer.parseInt(target.endpoint())));
            case SERVICECALL:
                return new ServiceCallRow(null, ServiceCall.open(target.transport()));
            case SERVICECALL_IN_PROCESS:
                return openInProcess(target.transport());
            default:
                throw new IllegalArgumentException("unknown kind " + target.kind());
        }
    }

    private static RowConnector openInProcess(String transport) throws Exception {
        ServiceCallSession host = ServiceCall.open(transport);
        try {
            host.initialize();
            BenchRoutines.registerAll(host);
            return new ServiceCallRow(host, ServiceCall.open(transport));
        } catch (Exception | Error e) {
            host.close();
            throw e;
        }
    }

    private static final class Nio extends RowConnector {
        private final Path socket;

        Nio(Path socket) {
            this.socket = socket;
        }

        @Override
        BenchClient newClient() throws Exception {
            return new NioPingPongClient(socket);
        }

        @Override
        public void close() {
            // Each thread's client closes its own connection.
        }
    }

    private static final class Rmi extends RowConnector {
        private final RmiClient client;

        Rmi(RmiClient client) {
            this.client = client;
        }

        @Override
        BenchClient newClient() {
            return client;
        }

        @Override
        public void close() {
            client.close();
        }
    }

    private static final class ServiceCallRow extends RowConnector {
        private final ServiceCallSession host;
        private final ServiceCallSession caller;

        /** @param host the in-process service's session, or {@code null} when the service is elsewhere */
        ServiceCallRow(ServiceCallSession host, ServiceCallSession caller) {
            this.host = host;
            this.caller = caller;
        }

        @Override
        BenchClient newClient() {
            return new ServiceCallClient(caller);
        }

        @Override
        public void close() {
            caller.close();
            if (host != null) {
                host.close();
            }
        }
    }
}

package dev.servicecall.protocol;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.protocol.wire.DescriptionMessage;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One registered routine on the service side: its {@link ServerEndpoint}, a listener thread that
 * accepts connections, and a {@link ServiceConnection} thread per accepted connection. Also the
 * {@link Registration} handle the transport returns.
 *
 * <p>{@link #close()} (unregister) closes the endpoint, which frees the name, and every
 * connection at once, without waiting: callers in flight see their connection close, routines
 * still running finish on their own threads and their results are discarded. Thread-safe.
 */
final class RoutineHost implements Registration {
    private static final System.Logger LOG = System.getLogger(RoutineHost.class.getName());
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private final String name;
    private final byte[] asciiName;
    private final byte[] signature;
    private final RoutineHandler handler;
    private final ServerEndpoint endpoint;
    private final long maxBufferBytes;
    private final int maxFrame;
    private final VersionRange versions;
    private final Set<ServiceConnection> connections = ConcurrentHashMap.newKeySet();
    private final Thread listener;
    private volatile boolean closed;

    RoutineHost(String name, byte[] signature, RoutineHandler handler, ServerEndpoint endpoint, long maxBufferBytes,
            VersionRange versions) {
        this.name = name;
        this.asciiName = name.getBytes(StandardCharsets.US_ASCII);
        this.signature = signature.clone();
        this.handler = handler;
        this.endpoint = endpoint;
        this.maxBufferBytes = maxBufferBytes;
        this.maxFrame = WireProtocol.frameLimitFor(maxBufferBytes);
        this.versions = versions;
        this.listener = new Thread(this::acceptLoop, "servicecall-" + name + "-listener");
        this.listener.setDaemon(true);
    }

    /** Starts accepting connections. */
    void start() {
        listener.start();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    byte[] asciiName() {
        return asciiName;
    }

    /** The registered signature, not copied: callers must not modify it. */
    byte[] registeredSignature() {
        return signature;
    }

    RoutineHandler handler() {
        return handler;
    }

    long maxBufferBytes() {
        return maxBufferBytes;
    }

    int maxFrame() {
        return maxFrame;
    }

    VersionRange versions() {
        return versions;
    }

    /**
     * What DESCRIBE answers for this routine (built per request: describing is not a hot path).
     *
     * @throws IllegalArgumentException when the registered signature has an invalid mask (the
     *     application layer rejects those before registering)
     */
    DescriptionMessage description() {
        return new DescriptionMessage(name, signature, ProcessHandle.current().pid(), versions, maxBufferBytes);
    }

    boolean isClosed() {
        return closed;
    }

    /** The number of open connections (for tests). */
    int connectionCount() {
        return connections.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Connection connection;
            try {
                connection = endpoint.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "accepting a connection to '" + name + "' failed; retrying", e);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // back off from a persistent failure
                continue;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener of '" + name + "' failed", e);
                return;
            }
            serve(connection);
        }
    }

    private void serve(Connection connection) {
        ServiceConnection served = new ServiceConnection(this, connection);
        connections.add(served);
        if (closed) { // unregister ran while this connection was being accepted
            connections.remove(served);
            connection.close();
            return;
        }
        Thread thread = new Thread(served, "servicecall-" + name + "-" + THREAD_IDS.incrementAndGet());
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot start a thread for a connection to '" + name + "'", e);
            connections.remove(served);
            connection.close();
        }
    }

    /** Called by a connection's thread when it ends. */
    void forget(ServiceConnection connection) {
        connections.remove(connection);
    }

    /** Unregisters: see the class comment. Idempotent. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        endpoint.close();
        List<ServiceConnection> all = new ArrayList<>(connections);
        for (ServiceConnection connection : all) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return name + (closed ? " (unregistered)" : "");
    }
}

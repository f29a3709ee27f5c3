package dev.servicecall.protocol;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.RoutineNames;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native transport, shared by every OS binding: the wire protocol ({@code docs/wire-protocol.md})
 * over an {@link OsBackend}. A binding module (JNA, JNR) supplies only the backend and a provider
 * (see {@link NativeTransportProvider}).
 *
 * <p>Service side: each {@link #register registered} name gets an endpoint from
 * {@link OsBackend#bind}, a listener thread and a thread per client connection, which runs the
 * routine for each call it reads (calls on different connections run concurrently).
 * {@link #unregister} closes the endpoint and every connection at once without waiting for
 * routines still running; their results are discarded.
 *
 * <p>Client side: connections are pooled per name and reused across calls after a liveness
 * check; the handshake happens once per connection; the service checks the signature on every
 * call. A request's timeout is enforced while connecting and waiting for the reply; on timeout the
 * connection is closed.
 *
 * <p>Settings read from {@link TransportConfig}: {@link TransportConfig#MAX_BUFFER_BYTES} (the
 * service's per-parameter buffer limit; a larger buffer gives the caller the service status
 * INVALID_PARAMETER without running the routine). The namespace setting is the backend's.
 *
 * <p>Thread-safe, as {@link Transport} requires.
 */
public final class NativeTransport implements Transport {
    private final OsBackend backend;
    private final long maxBufferBytes;
    private final VersionRange versions;
    private final CallClient client;
    private final Set<RoutineHost> hosts = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private volatile boolean closed;

    /**
     * @param backend the OS binding
     * @param config the settings (see the class comment)
     * @throws IllegalArgumentException if a setting is malformed
     */
    public NativeTransport(OsBackend backend, TransportConfig config) {
        this(backend, config.maxBufferBytes(), WireProtocol.SUPPORTED);
    }

    /** For tests: a transport speaking {@code versions} instead of this version's range. */
    NativeTransport(OsBackend backend, long maxBufferBytes, VersionRange versions) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (maxBufferBytes < 0) {
            throw new IllegalArgumentException("maxBufferBytes < 0");
        }
        this.maxBufferBytes = maxBufferBytes;
        this.versions = Objects.requireNonNull(versions, "versions");
        this.client = new CallClient(backend, versions);
    }

    /** The backend's description, e.g. {@code Linux AF_UNIX via JNA}. */
    public String describe() {
        return "native wire protocol " + versions + " over " + backend.describe();
    }

    /** The service-side per-parameter buffer limit in force. */
    public long maxBufferBytes() {
        return maxBufferBytes;
    }

    @Override
    public void initializeService() throws StatusException {
        ensureOpen();
        backend.prepareNamespace();
    }

    @Override
    public Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException {
        ensureOpen();
        ServerEndpoint endpoint = backend.bind(name);
        RoutineHost host;
        try {
            host = new RoutineHost(name, signature, handler, endpoint, maxBufferBytes, versions);
            synchronized (lifecycle) {
                if (closed) {
                    throw new StatusException(NtStatus.UNSUCCESSFUL, "the transport is closed");
                }
                hosts.add(host);
            }
        } catch (StatusException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
        try {
            host.start();
        } catch (OutOfMemoryError | RuntimeException e) {
            hosts.remove(host);
            host.close();
            throw new StatusException(NtStatus.NO_MEMORY, "cannot start the listener thread of '" + name + "'", e);
        }
        return host;
    }

    @Override
    public void unregister(Registration registration) throws StatusException {
        ensureOpen();
        if (!(registration instanceof RoutineHost) || !hosts.remove(registration)) {
            throw new StatusException(NtStatus.INVALID_PARAMETER, "'" + (registration == null ? "null"
                    : registration.name()) + "' is not registered with this transport");
        }
        ((RoutineHost) registration).close();
    }

    @Override
    public int call(CallRequest request) throws StatusException {
        ensureOpen();
        return client.call(request);
    }

    /**
     * Reads the description of the routine registered as {@code name} (protocol message DESCRIBE,
     * since 1.1) without calling it.
     *
     * @param timeoutNanos the deadline for connecting and the answer; 0 for none
     * @throws StatusException ACCESS_VIOLATION for a null name; OBJECT_NAME_INVALID for an invalid
     *     one; INVALID_PARAMETER_1 when nothing is registered under it; NOT_SUPPORTED when its
     *     service speaks only protocol 1.0; IO_TIMEOUT when the timeout passed; UNSUCCESSFUL when the
     *     connection failed, the service broke the protocol or this transport is closed
     */
    public RoutineDescription describe(String name, long timeoutNanos) throws StatusException {
        ensureOpen();
        int nameStatus = RoutineNames.check(name);
        if (nameStatus != NtStatus.SUCCESS) {
            throw new StatusException(nameStatus, name == null ? "the name is null"
                    : "invalid routine name '" + name + "': " + RoutineNames.problem(name));
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos < 0");
        }
        return client.describe(name, timeoutNanos);
    }

    /**
     * The names bound in this transport's name space now, by any process of this user, as
     * {@link OsBackend#listNames()} reports them.
     *
     * @throws StatusException NOT_SUPPORTED when the backend cannot list; UNSUCCESSFUL when the
     *     name space cannot be read or this transport is closed
     */
    public List<BoundName> listNames() throws StatusException {
        ensureOpen();
        return backend.listNames();
    }

    @Override
    public void close() {
        List<RoutineHost> all;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(hosts);
            hosts.clear();
        }
        for (RoutineHost host : all) {
            host.close();
        }
        client.close();
    }

    /** The client half (for tests). */
    CallClient client() {
        return client;
    }

    private void ensureOpen() throws StatusException {
        if (closed) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the transport is closed");
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}

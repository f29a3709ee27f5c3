package dev.servicecall.protocol;

import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.CallCodec;
import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.MalformedFrameException;
import dev.servicecall.protocol.wire.ReplyCodec;
import dev.servicecall.protocol.wire.ReplyDecoder;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client half of the native transport: one {@link ConnectionPool} per routine name, and the
 * call sequence over a pooled connection (send CALL, wait for REPLY or ERROR, write back).
 *
 * <p>Statuses: INVALID_PARAMETER_1 when nothing listens on the name (from
 * {@link OsBackend#connect}) or the service does not serve it; INVALID_PARAMETER_2 when the
 * service reports a signature mismatch; IO_TIMEOUT when the request's deadline passes (the
 * connection is then closed, since the reply's state is unknown); UNSUCCESSFUL when the
 * connection fails or closes before the reply, or the service breaks the protocol. Buffers are
 * written back only from a valid REPLY of a routine that returned normally.
 *
 * <p>Thread-safe: each call takes a connection of its own from the pool.
 */
final class CallClient implements AutoCloseable {
    private final OsBackend backend;
    private final VersionRange versions;
    private final ConcurrentHashMap<String, ConnectionPool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    CallClient(OsBackend backend, VersionRange versions) {
        this.backend = backend;
        this.versions = versions;
    }

    /** Performs one call; see the class comment for statuses. */
    int call(CallRequest request) throws StatusException {
        long deadline = 0;
        if (request.timeoutNanos() != 0) {
            deadline = System.nanoTime() + request.timeoutNanos();
            if (deadline == 0) {
                deadline = 1; // 0 means "no deadline"
            }
        }
        ConnectionPool pool = pool(request.name());
        ClientConnection connection = pool.takeIdle();
        boolean reused = connection != null;
        if (connection == null) {
            connection = connect(pool, request.name(), deadline);
        }
        try {
            send(connection, request);
        } catch (IOException e) {
            pool.discard(connection);
            if (!reused) {
                throw lost(request.name(), e);
            }
            // A reused connection the service closed while idle: it cannot have taken the whole
            // frame, so the routine did not run; one fresh connection is safe to try.
            connection = connect(pool, request.name(), deadline);
            try {
                send(connection, request);
            } catch (IOException again) {
                pool.discard(connection);
                throw lost(request.name(), again);
            }
        }
        return receive(pool, connection, request, deadline);
    }

    private ConnectionPool pool(String name) throws StatusException {
        if (closed) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the transport is closed");
        }
        ConnectionPool pool = pools.get(name);
        if (pool == null) {
            pool = pools.computeIfAbsent(name, ignored -> new ConnectionPool());
            if (closed) {
                pool.close();
            }
        }
        return pool;
    }

    private ClientConnection connect(ConnectionPool pool, String name, long deadline) throws StatusException {
        ClientConnection connection = ClientConnection.open(backend, name, deadline, versions);
        if (!pool.adopt(connection)) {
            connection.close();
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the transport is closed");
        }
        return connection;
    }

    private static void send(ClientConnection connection, CallRequest request) throws IOException {
        boolean omit = mustOmitBuffers(connection, request);
        FrameChannel channel = connection.channel();
        ByteBuffer out;
        try {
            out = channel.out(CallCodec.frameSize(request, omit));
        } catch (IOException cannotAllocate) {
            // The buffers cannot be staged here: send their lengths only and let the service
            // answer INVALID_PARAMETER after checking name and signature, as for an over-limit buffer.
            omit = true;
            out = channel.out(CallCodec.frameSize(request, true));
        }
        int length = CallCodec.encode(out, 0, connection.version(), Architecture.current(), request, omit);
        channel.writeFrame(length);
    }

    /**
     * Whether the buffers cannot go to the service: one exceeds its per-parameter limit, or the
     * frame would exceed its frame limit.
     */
    private static boolean mustOmitBuffers(ClientConnection connection, CallRequest request) {
        long limit = connection.serviceMaxBufferBytes();
        for (int i = 0; i < request.parameterCount(); i++) {
            ByteBuffer buffer = request.buffer(i);
            if (buffer != null && buffer.capacity() > limit) {
                return true;
            }
        }
        return CallCodec.frameSize(request, false) - WireProtocol.HEADER_SIZE > connection.serviceMaxFrame();
    }

    private static int receive(ConnectionPool pool, ClientConnection connection, CallRequest request, long deadline)
            throws StatusException {
        FrameChannel channel = connection.channel();
        String name = request.name();
        boolean keep = false;
        try {
            long replyLimit = Math.max(WireProtocol.MAX_CONTROL_PAYLOAD, ReplyCodec.maxPayloadFor(request));
            if (!channel.readFrame((int) Math.min(replyLimit, WireProtocol.MAX_FRAME_CEILING), deadline)) {
                throw lost(name, null);
            }
            FrameHeader header = channel.header();
            header.requireNegotiated(connection.version(), WireProtocol.MAX_FRAME_CEILING);
            if (header.type() == WireProtocol.TYPE_REPLY) {
                ReplyDecoder reply = connection.replyDecoder();
                reply.read(header, channel.in(), WireProtocol.HEADER_SIZE, request);
                int transportStatus = reply.transportStatus();
                keep = true;
                if (transportStatus != NtStatus.SUCCESS) {
                    throw new StatusException(acceptedStatus(transportStatus), "the service of '" + name
                            + "' reported " + NtStatus.describe(transportStatus));
                }
                reply.writeBack();
                return reply.serviceStatus();
            }
            if (header.type() == WireProtocol.TYPE_ERROR) {
                ErrorMessage error = ErrorMessage.decode(header, channel.in(), WireProtocol.HEADER_SIZE);
                int status = acceptedStatus(error.status());
                keep = status == NtStatus.INVALID_PARAMETER_1 || status == NtStatus.INVALID_PARAMETER_2;
                throw new StatusException(status, error.message());
            }
            throw new MalformedFrameException("unexpected " + WireProtocol.typeName(header.type()) + " in answer to CALL");
        } catch (DeadlineExceededException e) {
            throw new StatusException(NtStatus.IO_TIMEOUT, "'" + name + "' did not answer within "
                    + request.timeoutNanos() / 1_000_000 + " ms; the connection was closed");
        } catch (IOException e) {
            throw lost(name, e);
        } catch (MalformedFrameException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the service of '" + name + "' sent a malformed reply: "
                    + e.getMessage());
        } finally {
            if (keep) {
                channel.trim();
                pool.release(connection);
            } else {
                pool.discard(connection);
            }
        }
    }

    /** The statuses a service may report for a call; anything else becomes UNSUCCESSFUL. */
    private static int acceptedStatus(int status) {
        return status == NtStatus.INVALID_PARAMETER_1 || status == NtStatus.INVALID_PARAMETER_2
                ? status : NtStatus.UNSUCCESSFUL;
    }

    private static StatusException lost(String name, IOException cause) {
        return new StatusException(NtStatus.UNSUCCESSFUL, "the connection to '" + name + "' was lost during the call"
                + " (the routine was unregistered or its process ended)"
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }

    /** Closes every pooled connection; calls in flight get UNSUCCESSFUL. Idempotent. */
    @Override
    public void close() {
        closed = true;
        List<ConnectionPool> all = new ArrayList<>(pools.values());
        for (ConnectionPool pool : all) {
            pool.close();
        }
    }

    /** The pool of {@code name}, if one was created (for tests). */
    ConnectionPool poolOf(String name) {
        return pools.get(name);
    }
}

package dev.servicecall.protocol;

import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.CallCodec;
import dev.servicecall.protocol.wire.DescribeMessage;
import dev.servicecall.protocol.wire.DescriptionMessage;
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

    private static long deadlineAfter(long timeoutNanos) {
        if (timeoutNanos == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        return deadline == 0 ? 1 : deadline; // 0 means "no deadline"
    }

    /** Performs one call; see the class comment for statuses. */
    int call(CallRequest request) throws StatusException {
        long deadline = deadlineAfter(request.timeoutNanos());
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

    /**
     * Reads the description of the routine registered as {@code name} (DESCRIBE, since 1.1), over
     * a pooled connection.
     *
     * @param name a valid routine name
     * @param timeoutNanos the deadline for connecting and the answer; 0 for none
     * @throws StatusException INVALID_PARAMETER_1 when nothing is registered under {@code name};
     *     NOT_SUPPORTED when the service speaks only 1.0 (it cannot describe; calls still work);
     *     IO_TIMEOUT when the deadline passed; UNSUCCESSFUL when the connection failed or the
     *     service broke the protocol
     */
    RoutineDescription describe(String name, long timeoutNanos) throws StatusException {
        long deadline = deadlineAfter(timeoutNanos);
        DescribeMessage describe = new DescribeMessage(name);
        ConnectionPool pool = pool(name);
        ClientConnection connection = pool.takeIdle();
        boolean reused = connection != null;
        if (connection == null) {
            connection = connect(pool, name, deadline);
        }
        try {
            sendDescribe(pool, connection, describe);
        } catch (IOException e) {
            pool.discard(connection);
            if (!reused) {
                throw lostWhileDescribing(name, e);
            }
            connection = connect(pool, name, deadline); // the service closed the idle connection
            try {
                sendDescribe(pool, connection, describe);
            } catch (IOException again) {
                pool.discard(connection);
                throw lostWhileDescribing(name, again);
            }
        }
        return receiveDescription(pool, connection, name, deadline, timeoutNanos);
    }

    /** Sends DESCRIBE, or refuses (giving the connection back) when the service is older than 1.1. */
    private static void sendDescribe(ConnectionPool pool, ClientConnection connection, DescribeMessage describe)
            throws IOException, StatusException {
        if (connection.version().compareTo(WireProtocol.DESCRIBE_SINCE) < 0) {
            pool.release(connection);
            throw new StatusException(NtStatus.NOT_SUPPORTED, "the service of '" + describe.name()
                    + "' speaks protocol " + connection.serviceVersions() + "; reading a routine's description needs "
                    + WireProtocol.DESCRIBE_SINCE + " or later on both sides (upgrade the service's ServiceCall"
                    + " library; calls to it still work)");
        }
        FrameChannel channel = connection.channel();
        ByteBuffer out = channel.out(describe.frameSize());
        channel.writeFrame(describe.encode(out, 0, connection.version(), Architecture.current()));
    }

    private static RoutineDescription receiveDescription(ConnectionPool pool, ClientConnection connection, String name,
            long deadline, long timeoutNanos) throws StatusException {
        FrameChannel channel = connection.channel();
        boolean keep = false;
        try {
            if (!channel.readFrame(WireProtocol.MAX_CONTROL_PAYLOAD, deadline)) {
                throw lostWhileDescribing(name, null);
            }
            FrameHeader header = channel.header();
            header.requireNegotiated(connection.version(), WireProtocol.MAX_CONTROL_PAYLOAD);
            if (header.type() == WireProtocol.TYPE_DESCRIPTION) {
                DescriptionMessage description = DescriptionMessage.decode(header, channel.in(),
                        WireProtocol.HEADER_SIZE);
                if (!description.name().equals(name)) {
                    throw new MalformedFrameException("DESCRIPTION of '" + description.name() + "' in answer to DESCRIBE '"
                            + name + "'");
                }
                keep = true;
                return new RoutineDescription(description, connection.version());
            }
            if (header.type() == WireProtocol.TYPE_ERROR) {
                ErrorMessage error = ErrorMessage.decode(header, channel.in(), WireProtocol.HEADER_SIZE);
                boolean unknownName = error.status() == NtStatus.INVALID_PARAMETER_1;
                keep = unknownName;
                throw new StatusException(unknownName ? NtStatus.INVALID_PARAMETER_1 : NtStatus.UNSUCCESSFUL,
                        error.message());
            }
            throw new MalformedFrameException("unexpected " + WireProtocol.typeName(header.type())
                    + " in answer to DESCRIBE");
        } catch (DeadlineExceededException e) {
            throw new StatusException(NtStatus.IO_TIMEOUT, "'" + name + "' did not describe itself within "
                    + timeoutNanos / 1_000_000 + " ms; the connection was closed");
        } catch (IOException e) {
            throw lostWhileDescribing(name, e);
        } catch (MalformedFrameException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the service of '" + name
                    + "' sent a malformed answer to DESCRIBE: " + e.getMessage());
        } finally {
            if (keep) {
                channel.trim();
                pool.release(connection);
            } else {
                pool.discard(connection);
            }
        }
    }

    private static StatusException lostWhileDescribing(String name, IOException cause) {
        return new StatusException(NtStatus.UNSUCCESSFUL, "the connection to '" + name + "' was lost while reading its"
                + " description" + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
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

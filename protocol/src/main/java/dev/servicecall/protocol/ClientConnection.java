package dev.servicecall.protocol;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.HelloMessage;
import dev.servicecall.protocol.wire.HelloReplyMessage;
import dev.servicecall.protocol.wire.MalformedFrameException;
import dev.servicecall.protocol.wire.ProtocolVersion;
import dev.servicecall.protocol.wire.ReplyDecoder;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The client end of one connection to a routine's endpoint, after a successful handshake: the
 * negotiated version and the service's limits, the frame buffers and the reply decoder, all
 * reused for every call on it. Used by one calling thread at a time (the pool hands it out);
 * {@link #close()} may be called from any thread.
 */
final class ClientConnection implements AutoCloseable {
    /** The longest wait for HELLO_REPLY when the call itself has no earlier deadline. */
    static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final FrameChannel channel;
    private final ReplyDecoder replyDecoder = new ReplyDecoder();
    private final ProtocolVersion version;
    private final int serviceMaxFrame;
    private final long serviceMaxBufferBytes;
    private final long features;
    private final VersionRange serviceVersions;

    private ClientConnection(String name, FrameChannel channel, HelloReplyMessage reply) {
        this.name = name;
        this.channel = channel;
        this.version = reply.acceptedVersion().orElseThrow();
        this.serviceMaxFrame = reply.maxFrame();
        this.serviceMaxBufferBytes = reply.maxBufferBytes();
        this.features = reply.features();
        this.serviceVersions = reply.serviceVersions();
    }

    /**
     * Connects to the endpoint of {@code name} and performs the handshake.
     *
     * @param deadline a {@link System#nanoTime()} deadline, or 0 for none
     * @throws StatusException INVALID_PARAMETER_1 (nothing listens), IO_TIMEOUT (the deadline
     *     passed), UNSUCCESSFUL (connection or handshake failed; a version mismatch names both
     *     sides' versions)
     */
    static ClientConnection open(OsBackend backend, String name, long deadline, VersionRange versions)
            throws StatusException {
        long connectTimeout = 0;
        if (deadline != 0) {
            connectTimeout = deadline - System.nanoTime();
            if (connectTimeout <= 0) {
                throw new StatusException(NtStatus.IO_TIMEOUT, "the deadline passed before connecting to '" + name + "'");
            }
        }
        Connection connection = backend.connect(name, connectTimeout);
        FrameChannel channel = new FrameChannel(connection);
        try {
            HelloReplyMessage reply = handshake(channel, name, deadline, versions);
            return new ClientConnection(name, channel, reply);
        } catch (StatusException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static HelloReplyMessage handshake(FrameChannel channel, String name, long deadline,
            VersionRange versions) throws StatusException {
        HelloMessage hello = new HelloMessage(versions, WireProtocol.MAX_FRAME_CEILING,
                WireProtocol.FEATURES_SUPPORTED);
        long handshakeDeadline = System.nanoTime() + HANDSHAKE_TIMEOUT_NANOS;
        boolean callDeadlineFirst = deadline != 0 && deadline - handshakeDeadline < 0;
        try {
            ByteBuffer out = channel.out(hello.frameSize());
            channel.writeFrame(hello.encode(out, 0, Architecture.current()));
            if (!channel.readFrame(WireProtocol.MAX_CONTROL_PAYLOAD, callDeadlineFirst ? deadline : handshakeDeadline)) {
                throw new EOFException("closed before answering HELLO");
            }
            FrameHeader header = channel.header();
            if (header.type() == WireProtocol.TYPE_ERROR) {
                ErrorMessage error = ErrorMessage.decode(header, channel.in(), WireProtocol.HEADER_SIZE);
                throw new StatusException(NtStatus.UNSUCCESSFUL, "the service of '" + name
                        + "' refused the connection: " + error.message());
            }
            HelloReplyMessage reply = HelloReplyMessage.decode(header, channel.in(), WireProtocol.HEADER_SIZE);
            if (reply.result() == WireProtocol.HELLO_VERSION_UNSUPPORTED) {
                throw new StatusException(NtStatus.UNSUCCESSFUL, "protocol version mismatch: this client speaks "
                        + versions + ", the service of '" + name + "' speaks " + reply.serviceVersions()
                        + "; use client and service libraries that share a protocol version");
            }
            ProtocolVersion accepted = reply.acceptedVersion().orElseThrow();
            if (!versions.contains(accepted)) {
                throw new StatusException(NtStatus.UNSUCCESSFUL, "the service of '" + name + "' chose protocol "
                        + accepted + ", which this client (" + versions + ") did not offer");
            }
            if ((reply.features() & ~hello.features()) != 0) {
                throw new StatusException(NtStatus.UNSUCCESSFUL, "the service of '" + name
                        + "' accepted features this client did not offer: 0x" + Long.toHexString(reply.features()));
            }
            return reply;
        } catch (DeadlineExceededException e) {
            if (callDeadlineFirst) {
                throw new StatusException(NtStatus.IO_TIMEOUT, "the deadline passed during the handshake with '"
                        + name + "'");
            }
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the endpoint of '" + name + "' did not answer HELLO within "
                    + TimeUnit.NANOSECONDS.toSeconds(HANDSHAKE_TIMEOUT_NANOS) + " s");
        } catch (IOException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the connection to '" + name
                    + "' failed during the handshake: " + e.getMessage(), e);
        } catch (MalformedFrameException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "the endpoint of '" + name
                    + "' does not speak the ServiceCall wire protocol as expected: " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    FrameChannel channel() {
        return channel;
    }

    ReplyDecoder replyDecoder() {
        return replyDecoder;
    }

    /** The version in force on this connection. */
    ProtocolVersion version() {
        return version;
    }

    /** The largest CALL payload the service accepts. */
    int serviceMaxFrame() {
        return serviceMaxFrame;
    }

    /** The service's limit for one pointer parameter. */
    long serviceMaxBufferBytes() {
        return serviceMaxBufferBytes;
    }

    /** The versions the service said it speaks in HELLO_REPLY. */
    VersionRange serviceVersions() {
        return serviceVersions;
    }

    /** The features in force (none in 1.0). */
    long features() {
        return features;
    }

    /**
     * Whether an idle connection still looks usable: nothing to read. Data or end of stream on an
     * idle connection means the service closed it (unregistered, restarted) or broke the protocol.
     */
    boolean looksAlive() {
        try {
            return !channel.connection().awaitReadable(0);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}

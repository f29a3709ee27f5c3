package dev.servicecall.protocol;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.CallDecoder;
import dev.servicecall.protocol.wire.DescribeMessage;
import dev.servicecall.protocol.wire.DescriptionMessage;
import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.HelloMessage;
import dev.servicecall.protocol.wire.HelloReplyMessage;
import dev.servicecall.protocol.wire.MalformedFrameException;
import dev.servicecall.protocol.wire.ProtocolVersion;
import dev.servicecall.protocol.wire.ReplyCodec;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.Signatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The service end of one client connection: a thread that answers HELLO, then reads CALL frames
 * one at a time and runs the routine for each on this same thread (so a thread per active call,
 * and calls on different connections run concurrently).
 *
 * <p>Answers, in the contract's order: a name this endpoint does not serve gives ERROR
 * INVALID_PARAMETER_1; a different signature, or null for a non-nullable pointer, gives ERROR
 * INVALID_PARAMETER_2; a buffer over the service's limit (or omitted by the client for that
 * reason) gives REPLY with service status INVALID_PARAMETER without running the routine; a
 * routine that throws gives service status UNHANDLED_EXCEPTION with nothing written back;
 * otherwise the routine's status and its buffers. On a connection of version 1.1 or later, a
 * DESCRIBE of the name served gets a DESCRIPTION (any other name: ERROR INVALID_PARAMETER_1); on
 * a 1.0 connection DESCRIBE is malformed, as it is for a 1.0 service. A malformed frame ends this connection only
 * (after a best-effort ERROR UNSUCCESSFUL), logged at DEBUG.
 */
final class ServiceConnection implements Runnable {
    private static final System.Logger LOG = System.getLogger(ServiceConnection.class.getName());

    private final RoutineHost host;
    private final FrameChannel channel;
    private final CallDecoder call = new CallDecoder();
    private final ByteBuffer[] buffers = new ByteBuffer[WireProtocol.MAX_PARAMETERS];
    private ProtocolVersion version;
    private int clientMaxFrame;
    private ServiceInvocation invocation;

    ServiceConnection(RoutineHost host, Connection connection) {
        this.host = host;
        this.channel = new FrameChannel(connection);
    }

    /** Closes the connection; the thread then ends (after the routine it runs, if any, returns). */
    void close() {
        channel.close();
    }

    @Override
    public void run() {
        try {
            CallerIdentity caller = channel.connection().peer();
            invocation = new ServiceInvocation(host.name(), call, buffers, caller);
            if (!handshake()) {
                return;
            }
            while (!host.isClosed()) {
                if (!channel.readFrame(host.maxFrame(), 0)) {
                    return;
                }
                FrameHeader header = channel.header();
                header.requireNegotiated(version, host.maxFrame());
                boolean goOn;
                if (header.type() == WireProtocol.TYPE_CALL) {
                    goOn = answer();
                } else if (header.type() == WireProtocol.TYPE_DESCRIBE
                        && version.compareTo(WireProtocol.DESCRIBE_SINCE) >= 0) {
                    goOn = describe();
                } else {
                    // A 1.0 connection treats DESCRIBE like any unknown type, as a 1.0 service does.
                    throw new MalformedFrameException("unexpected " + WireProtocol.typeName(header.type())
                            + " from a client on a connection of version " + version);
                }
                if (!goOn) {
                    return;
                }
                channel.trim();
            }
        } catch (MalformedFrameException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a connection to ''{0}'': malformed frame: {1}", host.name(),
                    e.getMessage());
            sendError(NtStatus.UNSUCCESSFUL, "malformed frame: " + e.getMessage());
        } catch (IOException e) {
            if (!host.isClosed()) {
                LOG.log(System.Logger.Level.DEBUG, "connection to ''{0}'' ended: {1}", host.name(), e.toString());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection to '" + host.name() + "' failed", e);
        } finally {
            clearBuffers();
            channel.close();
            host.forget(this);
        }
    }

    /** Answers HELLO. @return whether calls may follow */
    private boolean handshake() throws IOException, MalformedFrameException {
        long deadline = System.nanoTime() + ClientConnection.HANDSHAKE_TIMEOUT_NANOS;
        if (!channel.readFrame(WireProtocol.MAX_CONTROL_PAYLOAD, deadline)) {
            return false;
        }
        HelloMessage hello = HelloMessage.decode(channel.header(), channel.in(), WireProtocol.HEADER_SIZE);
        Optional<ProtocolVersion> common = host.versions().highestCommon(hello.versions());
        HelloReplyMessage reply = common.isPresent()
                ? HelloReplyMessage.accepted(common.get(), host.versions(), host.maxFrame(),
                        hello.features() & WireProtocol.FEATURES_SUPPORTED, host.maxBufferBytes())
                : HelloReplyMessage.versionUnsupported(host.versions(), host.maxFrame(), host.maxBufferBytes());
        ByteBuffer out = channel.out(reply.frameSize());
        channel.writeFrame(reply.encode(out, 0, Architecture.current()));
        if (common.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "refused a client of ''{0}'': it speaks {1}, this service {2}",
                    host.name(), hello.versions(), host.versions());
            return false;
        }
        version = common.get();
        clientMaxFrame = hello.maxFrame();
        return true;
    }

    /** Handles the CALL in the receive buffer. @return whether the connection goes on */
    private boolean answer() throws IOException, MalformedFrameException {
        ByteBuffer in = channel.in();
        call.readPrefix(channel.header(), in, WireProtocol.HEADER_SIZE);
        if (!call.nameEquals(host.asciiName())) {
            return sendError(NtStatus.INVALID_PARAMETER_1, "no routine '" + call.name()
                    + "' is registered at this endpoint (it serves '" + host.name() + "')");
        }
        if (!call.signatureMatches(host.registeredSignature())) {
            return sendError(NtStatus.INVALID_PARAMETER_2, "'" + host.name() + "' is registered with signature "
                    + Signatures.describe(host.registeredSignature()) + ", the call has " + Signatures.describe(call.signature()));
        }
        int nullPointer = call.readParameters();
        if (nullPointer >= 0) {
            return sendError(NtStatus.INVALID_PARAMETER_2, "parameter " + nullPointer + " of '" + host.name()
                    + "' is a non-nullable pointer, the call passed null");
        }
        int count = call.parameterCount();
        if (call.buffersOmitted() || call.largestBuffer() > host.maxBufferBytes()) {
            return sendReply(NtStatus.INVALID_PARAMETER, false, count);
        }
        for (int i = 0; i < count; i++) {
            buffers[i] = call.isNull(i) ? null : in.slice(call.bufferOffset(i), (int) call.bufferLength(i));
        }
        int status;
        boolean returned;
        try {
            status = host.handler().invoke(invocation);
            returned = true;
        } catch (Throwable thrown) {
            LOG.log(System.Logger.Level.DEBUG, "routine '" + host.name() + "' threw", thrown);
            status = NtStatus.UNHANDLED_EXCEPTION;
            returned = false;
        }
        if (host.isClosed()) {
            return false; // unregistered meanwhile: the caller has been told UNSUCCESSFUL; discard
        }
        boolean sent = sendReply(status, returned, count);
        clearBuffers();
        return sent;
    }

    /** Answers the DESCRIBE in the receive buffer. @return whether the connection goes on */
    private boolean describe() throws IOException, MalformedFrameException {
        DescribeMessage asked = DescribeMessage.decode(channel.header(), channel.in(), WireProtocol.HEADER_SIZE);
        if (!asked.name().equals(host.name())) {
            return sendError(NtStatus.INVALID_PARAMETER_1, "no routine '" + asked.name()
                    + "' is registered at this endpoint (it serves '" + host.name() + "')");
        }
        DescriptionMessage description = host.description();
        ByteBuffer out = channel.out(description.frameSize());
        channel.writeFrame(description.encode(out, 0, version, Architecture.current()));
        return true;
    }

    private boolean sendReply(int serviceStatus, boolean writeBack, int count) throws IOException {
        ByteBuffer[] back = writeBack ? buffers : null;
        long size = ReplyCodec.frameSize(back, count);
        if (writeBack && size - WireProtocol.HEADER_SIZE > clientMaxFrame) {
            back = null;
            serviceStatus = NtStatus.ACCESS_DENIED; // the results cannot reach the caller
            size = ReplyCodec.frameSize(null, count);
        }
        ByteBuffer out;
        try {
            out = channel.out(size);
        } catch (IOException cannotAllocate) {
            back = null;
            serviceStatus = NtStatus.ACCESS_DENIED;
            size = ReplyCodec.frameSize(null, count);
            out = channel.out(size);
        }
        channel.writeFrame(ReplyCodec.encode(out, 0, version, Architecture.current(), NtStatus.SUCCESS, serviceStatus,
                back, count));
        return true;
    }

    /** Sends an ERROR. @return true when the connection goes on (INVALID_PARAMETER_1/2) */
    private boolean sendError(int status, String message) {
        try {
            ErrorMessage error = new ErrorMessage(status, message);
            ByteBuffer out = channel.out(error.frameSize());
            channel.writeFrame(error.encode(out, 0, version == null ? WireProtocol.CURRENT : version,
                    Architecture.current()));
            return status != NtStatus.UNSUCCESSFUL;
        } catch (IOException e) {
            return false;
        }
    }

    private void clearBuffers() {
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = null;
        }
    }
}

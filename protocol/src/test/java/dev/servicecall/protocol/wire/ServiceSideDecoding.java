package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;

/**
 * What a service does with the bytes of one received frame, step by step as
 * {@code FrameChannel.readFrame} and {@code ServiceConnection} do it: the 16-byte header, the
 * payload length against the limit for its type <em>before</em> any buffer is sized from it
 * ({@link FrameHeader#payloadLimit}: the control-message limit during the handshake and for every
 * type but CALL after it, the service's max frame for CALL), then HELLO, or the negotiated header
 * checks and then the CALL decoder ({@link CallDecoder#readPrefix} then
 * {@link CallDecoder#readParameters}, which the service runs once the masks matched a
 * registration; here it runs whatever the masks, so that it sees every mask) or, on a connection
 * of 1.1 or later, the DESCRIBE decoder.
 *
 * <p>A mutable holder reused for every frame, like the service's own decoders. Not thread-safe.
 */
final class ServiceSideDecoding {
    /** How one frame ended. */
    enum Outcome {
        /** Well-formed: the service would go on (answer HELLO, run or refuse the routine). */
        ACCEPTED,
        /** Malformed: the service answers ERROR UNSUCCESSFUL and closes this connection. */
        MALFORMED,
        /** Fewer bytes than the header claims, within the limit: the service waits for more or sees the end. */
        INCOMPLETE
    }

    private final FrameHeader header = new FrameHeader();
    private final CallDecoder call = new CallDecoder();
    private final int maxFrame;
    private HelloMessage hello;
    private DescribeMessage describe;
    private String rejection;

    /** @param maxFrame the service's max frame (what it announces in HELLO_REPLY) */
    ServiceSideDecoding(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * Decodes {@code received} (from index 0 to its limit) as the service would.
     *
     * @param afterHandshake false for the first frame of a connection (must be HELLO), true for a
     *     frame on a connection that negotiated {@code negotiated}
     */
    Outcome decode(ByteBuffer received, boolean afterHandshake, ProtocolVersion negotiated) {
        rejection = null;
        hello = null;
        describe = null;
        if (received.limit() < WireProtocol.HEADER_SIZE) {
            return Outcome.INCOMPLETE;
        }
        try {
            header.read(received, 0);
            long limit = header.payloadLimit(afterHandshake ? maxFrame : WireProtocol.MAX_CONTROL_PAYLOAD);
            if (header.payloadLength() > limit) {
                throw new MalformedFrameException("payload of " + header.payloadLength() + " bytes exceeds the limit of "
                        + limit);
            }
            int frameLength = WireProtocol.HEADER_SIZE + (int) header.payloadLength();
            if (received.limit() < frameLength) {
                return Outcome.INCOMPLETE;
            }
            ByteBuffer frame = received.duplicate().limit(frameLength).order(received.order());
            if (!afterHandshake) {
                hello = HelloMessage.decode(header, frame, WireProtocol.HEADER_SIZE);
                return Outcome.ACCEPTED;
            }
            header.requireNegotiated(negotiated, maxFrame);
            if (header.type() == WireProtocol.TYPE_CALL) {
                call.readPrefix(header, frame, WireProtocol.HEADER_SIZE);
                call.readParameters();
                return Outcome.ACCEPTED;
            }
            if (header.type() == WireProtocol.TYPE_DESCRIBE && negotiated.compareTo(WireProtocol.DESCRIBE_SINCE) >= 0) {
                describe = DescribeMessage.decode(header, frame, WireProtocol.HEADER_SIZE);
                return Outcome.ACCEPTED;
            }
            throw new MalformedFrameException("unexpected " + WireProtocol.typeName(header.type()) + " from a client");
        } catch (MalformedFrameException e) {
            rejection = e.getMessage();
            return Outcome.MALFORMED;
        }
    }

    /** The header of the last frame (valid when it had 16 bytes and the right magic). */
    FrameHeader header() {
        return header;
    }

    /** The CALL decoder, holding the last accepted CALL. */
    CallDecoder call() {
        return call;
    }

    /** The last accepted DESCRIBE, or null (then an accepted frame after the handshake was a CALL). */
    DescribeMessage describe() {
        return describe;
    }

    /** The last accepted HELLO, or null. */
    HelloMessage hello() {
        return hello;
    }

    /** Why the last frame was malformed, or null. */
    String rejection() {
        return rejection;
    }
}

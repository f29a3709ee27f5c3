package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;

/**
 * What a service does with the bytes of one received frame, step by step as
 * {@code FrameChannel.readFrame} and {@code ServiceConnection} do it: the 16-byte header, the
 * payload length against the limit <em>before</em> any buffer is sized from it (the control-frame
 * limit during the handshake, the service's max frame after it), then HELLO, or the negotiated
 * header checks and the CALL decoder ({@link CallDecoder#readPrefix} then
 * {@link CallDecoder#readParameters}, which the service runs once the masks matched a
 * registration; here it runs whatever the masks, so that it sees every mask).
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
    private String rejection;

    /** @param maxFrame the service's max frame (what it announces in HELLO_REPLY) */
    ServiceSideDecoding(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * Decodes {@code received} (from index 0 to its limit) as the service would.
     *
     * @param afterHandshake false for the first frame of a connection (must be HELLO), true for a
     *     frame on a connection that negotiated {@link WireProtocol#CURRENT}
     */
    Outcome decode(ByteBuffer received, boolean afterHandshake) {
        rejection = null;
        hello = null;
        if (received.limit() < WireProtocol.HEADER_SIZE) {
            return Outcome.INCOMPLETE;
        }
        try {
            header.read(received, 0);
            long limit = afterHandshake ? maxFrame : WireProtocol.MAX_CONTROL_PAYLOAD;
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
            header.requireNegotiated(WireProtocol.CURRENT, maxFrame);
            if (header.type() != WireProtocol.TYPE_CALL) {
                throw new MalformedFrameException("unexpected " + WireProtocol.typeName(header.type()) + " from a client");
            }
            call.readPrefix(header, frame, WireProtocol.HEADER_SIZE);
            call.readParameters();
            return Outcome.ACCEPTED;
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

    /** The last accepted HELLO, or null. */
    HelloMessage hello() {
        return hello;
    }

    /** Why the last frame was malformed, or null. */
    String rejection() {
        return rejection;
    }
}

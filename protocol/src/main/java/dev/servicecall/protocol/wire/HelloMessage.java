package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * HELLO, the client's first frame on a connection. Its layout is frozen across versions (a later
 * version may only append fields, which older readers ignore):
 *
 * <pre>
 * payload offset size field
 *  0             1    lowest major version the client speaks (the highest is in the header)
 *  1             1    lowest minor version
 *  2             2    reserved, 0 (ignored by readers)
 *  4             4    max frame: the largest payload the client accepts in a frame, unsigned
 *  8             8    feature flags the client offers
 * </pre>
 *
 * Immutable.
 */
public final class HelloMessage {
    /** Payload size written by this version; readers accept longer payloads. */
    public static final int PAYLOAD_SIZE = 16;

    private final VersionRange versions;
    private final int maxFrame;
    private final long features;

    /**
     * @param versions the versions the client speaks
     * @param maxFrame the largest frame payload the client accepts,
     *     {@link WireProtocol#MIN_FRAME_LIMIT}..{@link WireProtocol#MAX_FRAME_CEILING}
     * @param features the feature bits offered
     */
    public HelloMessage(VersionRange versions, int maxFrame, long features) {
        this.versions = Objects.requireNonNull(versions, "versions");
        if (maxFrame < WireProtocol.MIN_FRAME_LIMIT || maxFrame > WireProtocol.MAX_FRAME_CEILING) {
            throw new IllegalArgumentException("max frame " + maxFrame);
        }
        this.maxFrame = maxFrame;
        this.features = features;
    }

    /** The versions the client speaks. */
    public VersionRange versions() {
        return versions;
    }

    /** The largest frame payload the client accepts. */
    public int maxFrame() {
        return maxFrame;
    }

    /** The feature bits offered. */
    public long features() {
        return features;
    }

    /** The whole frame size. */
    public int frameSize() {
        return WireProtocol.HEADER_SIZE + PAYLOAD_SIZE;
    }

    /**
     * Writes the whole frame at {@code index} of {@code target} (absolute).
     *
     * @return the number of bytes written
     */
    public int encode(ByteBuffer target, int index, int architecture) {
        FrameHeader.write(target, index, versions.highest(), architecture, WireProtocol.TYPE_HELLO, 0, PAYLOAD_SIZE);
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put8(target, p, versions.lowest().major());
        LittleEndian.put8(target, p + 1, versions.lowest().minor());
        LittleEndian.put16(target, p + 2, 0);
        LittleEndian.put32(target, p + 4, maxFrame);
        LittleEndian.put64(target, p + 8, features);
        return frameSize();
    }

    /**
     * Reads the payload of a HELLO whose header is {@code header}.
     *
     * @param payloadIndex where the payload starts in {@code source}; {@code header.payloadLength()}
     *     bytes must be readable there
     * @throws MalformedFrameException for a short payload, a lowest version above the highest, or
     *     a max frame below {@link WireProtocol#MIN_FRAME_LIMIT}
     */
    public static HelloMessage decode(FrameHeader header, ByteBuffer source, int payloadIndex)
            throws MalformedFrameException {
        header.requireHandshake(WireProtocol.TYPE_HELLO);
        if (header.payloadLength() < PAYLOAD_SIZE) {
            throw new MalformedFrameException("HELLO payload of " + header.payloadLength() + " bytes, needs "
                    + PAYLOAD_SIZE);
        }
        ProtocolVersion highest = header.version();
        ProtocolVersion lowest = ProtocolVersion.of(LittleEndian.u8(source, payloadIndex),
                LittleEndian.u8(source, payloadIndex + 1));
        if (lowest.compareTo(highest) > 0) {
            throw new MalformedFrameException("HELLO lowest version " + lowest + " is above highest " + highest);
        }
        long maxFrame = LittleEndian.u32(source, payloadIndex + 4);
        if (maxFrame < WireProtocol.MIN_FRAME_LIMIT) {
            throw new MalformedFrameException("HELLO max frame " + maxFrame + " is below the minimum "
                    + WireProtocol.MIN_FRAME_LIMIT);
        }
        long features = LittleEndian.i64(source, payloadIndex + 8);
        return new HelloMessage(VersionRange.of(lowest, highest), (int) Math.min(maxFrame,
                WireProtocol.MAX_FRAME_CEILING), features);
    }

    @Override
    public String toString() {
        return "HELLO versions " + versions + " max frame " + maxFrame + " features 0x" + Long.toHexString(features);
    }
}

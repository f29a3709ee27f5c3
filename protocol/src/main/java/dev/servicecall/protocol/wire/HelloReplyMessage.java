package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * HELLO_REPLY, the service's answer to HELLO. Its layout is frozen across versions (a later
 * version may only append fields, which older readers ignore), so that a client of any version
 * can read a refusal:
 *
 * <pre>
 * payload offset size field
 *  0             1    result: 0 accepted, 1 version unsupported (the service then closes)
 *  1             1    accepted major version (0 when refused)
 *  2             1    accepted minor version (0 when refused)
 *  3             1    lowest major version the service speaks (the highest is in the header)
 *  4             1    lowest minor version
 *  5             3    reserved, 0 (ignored by readers)
 *  8             4    max frame: the largest payload the service accepts in a frame, unsigned
 * 12             4    reserved, 0 (ignored by readers)
 * 16             8    feature flags accepted (a subset of those offered; 0 when refused)
 * 24             8    max buffer bytes: the service's limit for one pointer parameter
 * </pre>
 *
 * Immutable.
 */
public final class HelloReplyMessage {
    /** Payload size written by this version; readers accept longer payloads. */
    public static final int PAYLOAD_SIZE = 32;

    private final int result;
    private final ProtocolVersion accepted;
    private final VersionRange serviceVersions;
    private final int maxFrame;
    private final long features;
    private final long maxBufferBytes;

    private HelloReplyMessage(int result, ProtocolVersion accepted, VersionRange serviceVersions, int maxFrame,
            long features, long maxBufferBytes) {
        this.result = result;
        this.accepted = accepted;
        this.serviceVersions = Objects.requireNonNull(serviceVersions, "serviceVersions");
        if (maxFrame < WireProtocol.MIN_FRAME_LIMIT || maxFrame > WireProtocol.MAX_FRAME_CEILING) {
            throw new IllegalArgumentException("max frame " + maxFrame);
        }
        if (maxBufferBytes < 0) {
            throw new IllegalArgumentException("max buffer bytes " + maxBufferBytes);
        }
        this.maxFrame = maxFrame;
        this.features = features;
        this.maxBufferBytes = maxBufferBytes;
    }

    /** The service accepts {@code accepted} with {@code features}. */
    public static HelloReplyMessage accepted(ProtocolVersion accepted, VersionRange serviceVersions, int maxFrame,
            long features, long maxBufferBytes) {
        return new HelloReplyMessage(WireProtocol.HELLO_ACCEPTED, Objects.requireNonNull(accepted, "accepted"),
                serviceVersions, maxFrame, features, maxBufferBytes);
    }

    /** The service shares no version with the client. */
    public static HelloReplyMessage versionUnsupported(VersionRange serviceVersions, int maxFrame,
            long maxBufferBytes) {
        return new HelloReplyMessage(WireProtocol.HELLO_VERSION_UNSUPPORTED, null, serviceVersions, maxFrame, 0,
                maxBufferBytes);
    }

    /** {@link WireProtocol#HELLO_ACCEPTED} or {@link WireProtocol#HELLO_VERSION_UNSUPPORTED}. */
    public int result() {
        return result;
    }

    /** The version in force on the connection; empty when refused. */
    public Optional<ProtocolVersion> acceptedVersion() {
        return Optional.ofNullable(accepted);
    }

    /** The versions the service speaks. */
    public VersionRange serviceVersions() {
        return serviceVersions;
    }

    /** The largest frame payload the service accepts. */
    public int maxFrame() {
        return maxFrame;
    }

    /** The accepted feature bits. */
    public long features() {
        return features;
    }

    /** The service's limit for one pointer parameter, in bytes. */
    public long maxBufferBytes() {
        return maxBufferBytes;
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
        FrameHeader.write(target, index, serviceVersions.highest(), architecture, WireProtocol.TYPE_HELLO_REPLY, 0,
                PAYLOAD_SIZE);
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put8(target, p, result);
        LittleEndian.put8(target, p + 1, accepted == null ? 0 : accepted.major());
        LittleEndian.put8(target, p + 2, accepted == null ? 0 : accepted.minor());
        LittleEndian.put8(target, p + 3, serviceVersions.lowest().major());
        LittleEndian.put8(target, p + 4, serviceVersions.lowest().minor());
        LittleEndian.zero(target, p + 5, 3);
        LittleEndian.put32(target, p + 8, maxFrame);
        LittleEndian.put32(target, p + 12, 0);
        LittleEndian.put64(target, p + 16, features);
        LittleEndian.put64(target, p + 24, maxBufferBytes);
        return frameSize();
    }

    /**
     * Reads the payload of a HELLO_REPLY whose header is {@code header}.
     *
     * @throws MalformedFrameException for a short payload, an unknown result, an inconsistent
     *     version range, a max frame below the minimum or a negative buffer limit
     */
    public static HelloReplyMessage decode(FrameHeader header, ByteBuffer source, int payloadIndex)
            throws MalformedFrameException {
        header.requireHandshake(WireProtocol.TYPE_HELLO_REPLY);
        if (header.payloadLength() < PAYLOAD_SIZE) {
            throw new MalformedFrameException("HELLO_REPLY payload of " + header.payloadLength() + " bytes, needs "
                    + PAYLOAD_SIZE);
        }
        int result = LittleEndian.u8(source, payloadIndex);
        ProtocolVersion highest = header.version();
        ProtocolVersion lowest = ProtocolVersion.of(LittleEndian.u8(source, payloadIndex + 3),
                LittleEndian.u8(source, payloadIndex + 4));
        if (lowest.compareTo(highest) > 0) {
            throw new MalformedFrameException("HELLO_REPLY lowest version " + lowest + " is above highest " + highest);
        }
        VersionRange range = VersionRange.of(lowest, highest);
        long maxFrame = LittleEndian.u32(source, payloadIndex + 8);
        if (maxFrame < WireProtocol.MIN_FRAME_LIMIT) {
            throw new MalformedFrameException("HELLO_REPLY max frame " + maxFrame + " is below the minimum "
                    + WireProtocol.MIN_FRAME_LIMIT);
        }
        int frame = (int) Math.min(maxFrame, WireProtocol.MAX_FRAME_CEILING);
        long features = LittleEndian.i64(source, payloadIndex + 16);
        long maxBuffer = LittleEndian.i64(source, payloadIndex + 24);
        if (maxBuffer < 0) {
            throw new MalformedFrameException("HELLO_REPLY max buffer bytes " + Long.toUnsignedString(maxBuffer)
                    + " is not below 2^63");
        }
        if (result == WireProtocol.HELLO_ACCEPTED) {
            ProtocolVersion accepted = ProtocolVersion.of(LittleEndian.u8(source, payloadIndex + 1),
                    LittleEndian.u8(source, payloadIndex + 2));
            if (!range.contains(accepted)) {
                throw new MalformedFrameException("HELLO_REPLY accepts " + accepted + ", outside the service's own "
                        + range);
            }
            return accepted(accepted, range, frame, features, maxBuffer);
        }
        if (result == WireProtocol.HELLO_VERSION_UNSUPPORTED) {
            return versionUnsupported(range, frame, maxBuffer);
        }
        throw new MalformedFrameException("HELLO_REPLY result " + result + " is unknown");
    }

    @Override
    public String toString() {
        return result == WireProtocol.HELLO_ACCEPTED
                ? "HELLO_REPLY accepted " + accepted + " (service " + serviceVersions + ") max frame " + maxFrame
                        + " features 0x" + Long.toHexString(features) + " max buffer " + maxBufferBytes
                : "HELLO_REPLY version unsupported (service " + serviceVersions + ")";
    }
}

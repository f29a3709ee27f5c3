package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;

/**
 * DESCRIBE (since 1.1, client to service): asks for the description of a routine without calling
 * it. The service answers {@link DescriptionMessage DESCRIPTION}, or ERROR INVALID_PARAMETER_1
 * when it does not serve that name.
 *
 * <pre>
 * payload offset size field
 *  0             1    name length N, 1..64
 *  1             3    reserved, 0
 *  4             N    routine name, ASCII (A-Z a-z 0-9 . _ -, not starting with .)
 *  4+N           pad  zeros up to align8(4+N)
 * </pre>
 *
 * The payload is exactly {@code align8(4 + N)} bytes; header flags are 0. Immutable.
 */
public final class DescribeMessage {
    static final int NAME_OFFSET = 4;

    private final String name;
    private final byte[] asciiName;

    /**
     * @param name the routine name; must pass {@code RoutineNames.check}
     * @throws IllegalArgumentException for an invalid name
     */
    public DescribeMessage(String name) {
        this.asciiName = WireNames.encode(name);
        this.name = name;
    }

    /** The routine asked about. */
    public String name() {
        return name;
    }

    private static int payloadSize(int nameLength) {
        return (int) LittleEndian.align8(NAME_OFFSET + nameLength);
    }

    /** The whole frame size. */
    public int frameSize() {
        return WireProtocol.HEADER_SIZE + payloadSize(asciiName.length);
    }

    /**
     * Writes the whole frame at {@code index} of {@code target} (absolute).
     *
     * @param version the negotiated version, at least {@link WireProtocol#DESCRIBE_SINCE}
     * @return the number of bytes written
     */
    public int encode(ByteBuffer target, int index, ProtocolVersion version, int architecture) {
        requireDescribeVersion(version);
        int payload = payloadSize(asciiName.length);
        FrameHeader.write(target, index, version, architecture, WireProtocol.TYPE_DESCRIBE, 0, payload);
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put8(target, p, asciiName.length);
        LittleEndian.zero(target, p + 1, 3);
        target.put(p + NAME_OFFSET, asciiName);
        LittleEndian.zero(target, p + NAME_OFFSET + asciiName.length, payload - NAME_OFFSET - asciiName.length);
        return WireProtocol.HEADER_SIZE + payload;
    }

    /**
     * Reads the payload of a DESCRIBE whose header is {@code header} (already checked with
     * {@link FrameHeader#requireNegotiated}).
     *
     * @throws MalformedFrameException for a wrong type, non-zero flags, a version before
     *     {@link WireProtocol#DESCRIBE_SINCE}, a payload whose length is not exactly
     *     {@code align8(4 + N)}, a name length outside 1..64, a name outside the allowed
     *     characters, or non-zero reserved or padding bytes
     */
    public static DescribeMessage decode(FrameHeader header, ByteBuffer source, int payloadIndex)
            throws MalformedFrameException {
        if (header.type() != WireProtocol.TYPE_DESCRIBE) {
            throw new MalformedFrameException("expected DESCRIBE, got " + WireProtocol.typeName(header.type()));
        }
        requireDescribeVersion(header, "DESCRIBE");
        if (header.flags() != 0) {
            throw new MalformedFrameException("DESCRIBE flags 0x" + Integer.toHexString(header.flags()) + " must be 0");
        }
        long payload = header.payloadLength();
        if (payload < NAME_OFFSET + 1 || payload > payloadSize(WireProtocol.MAX_NAME_BYTES)) {
            throw new MalformedFrameException("DESCRIBE payload of " + payload + " bytes is outside "
                    + payloadSize(1) + ".." + payloadSize(WireProtocol.MAX_NAME_BYTES));
        }
        if (source.limit() - payloadIndex < payload) {
            throw new MalformedFrameException("DESCRIBE payload of " + payload + " bytes but only "
                    + (source.limit() - payloadIndex) + " are present");
        }
        int length = LittleEndian.u8(source, payloadIndex);
        if (!LittleEndian.isZero(source, payloadIndex + 1, 3)) {
            throw new MalformedFrameException("DESCRIBE reserved bytes are not 0");
        }
        if (length < 1 || payloadSize(length) != payload) {
            throw new MalformedFrameException("DESCRIBE name length " + length + " disagrees with its payload of "
                    + payload + " bytes");
        }
        String name = WireNames.read("DESCRIBE", source, payloadIndex + NAME_OFFSET, length);
        int end = NAME_OFFSET + length;
        if (!LittleEndian.isZero(source, payloadIndex + end, (int) payload - end)) {
            throw new MalformedFrameException("DESCRIBE padding after the name is not zero");
        }
        return new DescribeMessage(name);
    }

    static void requireDescribeVersion(ProtocolVersion version) {
        if (version.compareTo(WireProtocol.DESCRIBE_SINCE) < 0) {
            throw new IllegalArgumentException("DESCRIBE and DESCRIPTION need protocol " + WireProtocol.DESCRIBE_SINCE
                    + ", not " + version);
        }
    }

    static void requireDescribeVersion(FrameHeader header, String message) throws MalformedFrameException {
        if (header.version().compareTo(WireProtocol.DESCRIBE_SINCE) < 0) {
            throw new MalformedFrameException(message + " in a frame of version " + header.version()
                    + "; it exists since " + WireProtocol.DESCRIBE_SINCE);
        }
    }

    @Override
    public String toString() {
        return "DESCRIBE " + name;
    }
}

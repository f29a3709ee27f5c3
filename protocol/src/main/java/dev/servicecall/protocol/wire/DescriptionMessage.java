package dev.servicecall.protocol.wire;

import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * DESCRIPTION (since 1.1, service to client): what a registered routine looks like, read without
 * calling it, in answer to {@link DescribeMessage DESCRIBE}.
 *
 * <pre>
 * payload offset size field
 *  0             1    name length N, 1..64
 *  1             1    parameter count P, 0..64
 *  2             1    lowest major version the service speaks
 *  3             1    lowest minor version
 *  4             1    highest major version the service speaks
 *  5             1    highest minor version
 *  6             2    reserved, 0
 *  8             8    owner pid: the process that registered the routine (u64 below 2^63; 0 unknown)
 * 16             8    max buffer bytes: the service's limit for one pointer parameter (u64 below 2^63)
 * 24             N    routine name, ASCII
 * 24+N           P    the registered signature: raw parameter masks, one byte each
 * 24+N+P         pad  zeros up to align8(24+N+P)
 * </pre>
 *
 * The payload is exactly {@code align8(24 + N + P)} bytes (at most 152); header flags are 0.
 * Immutable.
 */
public final class DescriptionMessage {
    static final int NAME_OFFSET = 24;
    /** The largest payload: a 64-byte name and 64 masks. */
    static final int MAX_PAYLOAD = payloadSize(WireProtocol.MAX_NAME_BYTES, WireProtocol.MAX_PARAMETERS);

    private final String name;
    private final byte[] asciiName;
    private final byte[] signature;
    private final long ownerPid;
    private final VersionRange serviceVersions;
    private final long maxBufferBytes;

    /**
     * @param name the routine name; must pass {@code RoutineNames.check}
     * @param signature the registered raw masks, each valid, at most 64
     * @param ownerPid the registering process, 0 when unknown
     * @param serviceVersions the versions the service speaks
     * @param maxBufferBytes the service's per-parameter buffer limit
     * @throws IllegalArgumentException for an invalid name or signature, or a negative pid or limit
     */
    public DescriptionMessage(String name, byte[] signature, long ownerPid, VersionRange serviceVersions,
            long maxBufferBytes) {
        this.asciiName = WireNames.encode(name);
        this.name = name;
        Objects.requireNonNull(signature, "signature");
        if (signature.length > WireProtocol.MAX_PARAMETERS) {
            throw new IllegalArgumentException(signature.length + " parameters, at most " + WireProtocol.MAX_PARAMETERS);
        }
        for (int i = 0; i < signature.length; i++) {
            if (!ParameterMasks.isValid(signature[i] & 0xFF)) {
                throw new IllegalArgumentException(String.format("mask 0x%02X of parameter %d is invalid",
                        signature[i] & 0xFF, i));
            }
        }
        if (ownerPid < 0 || maxBufferBytes < 0) {
            throw new IllegalArgumentException("owner pid and max buffer bytes are below 2^63: " + ownerPid + ", "
                    + maxBufferBytes);
        }
        this.signature = signature.clone();
        this.ownerPid = ownerPid;
        this.serviceVersions = Objects.requireNonNull(serviceVersions, "serviceVersions");
        this.maxBufferBytes = maxBufferBytes;
    }

    /** The routine name. */
    public String name() {
        return name;
    }

    /** The registered signature (a copy). */
    public byte[] signature() {
        return signature.clone();
    }

    /** The process that registered the routine; 0 when the service did not say. */
    public long ownerPid() {
        return ownerPid;
    }

    /** The versions the service speaks. */
    public VersionRange serviceVersions() {
        return serviceVersions;
    }

    /** The service's limit for one pointer parameter, in bytes. */
    public long maxBufferBytes() {
        return maxBufferBytes;
    }

    private static int payloadSize(int nameLength, int parameterCount) {
        return (int) LittleEndian.align8(NAME_OFFSET + nameLength + parameterCount);
    }

    /** The whole frame size. */
    public int frameSize() {
        return WireProtocol.HEADER_SIZE + payloadSize(asciiName.length, signature.length);
    }

    /**
     * Writes the whole frame at {@code index} of {@code target} (absolute).
     *
     * @param version the negotiated version, at least {@link WireProtocol#DESCRIBE_SINCE}
     * @return the number of bytes written
     */
    public int encode(ByteBuffer target, int index, ProtocolVersion version, int architecture) {
        DescribeMessage.requireDescribeVersion(version);
        int payload = payloadSize(asciiName.length, signature.length);
        FrameHeader.write(target, index, version, architecture, WireProtocol.TYPE_DESCRIPTION, 0, payload);
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put8(target, p, asciiName.length);
        LittleEndian.put8(target, p + 1, signature.length);
        LittleEndian.put8(target, p + 2, serviceVersions.lowest().major());
        LittleEndian.put8(target, p + 3, serviceVersions.lowest().minor());
        LittleEndian.put8(target, p + 4, serviceVersions.highest().major());
        LittleEndian.put8(target, p + 5, serviceVersions.highest().minor());
        LittleEndian.put16(target, p + 6, 0);
        LittleEndian.put64(target, p + 8, ownerPid);
        LittleEndian.put64(target, p + 16, maxBufferBytes);
        target.put(p + NAME_OFFSET, asciiName);
        target.put(p + NAME_OFFSET + asciiName.length, signature);
        int end = NAME_OFFSET + asciiName.length + signature.length;
        LittleEndian.zero(target, p + end, payload - end);
        return WireProtocol.HEADER_SIZE + payload;
    }

    /**
     * Reads the payload of a DESCRIPTION whose header is {@code header} (already checked with
     * {@link FrameHeader#requireNegotiated}).
     *
     * @throws MalformedFrameException for a wrong type, non-zero flags, a version before
     *     {@link WireProtocol#DESCRIBE_SINCE}, a payload that is not exactly
     *     {@code align8(24 + N + P)} bytes, a name length outside 1..64, more than 64 masks, an
     *     invalid mask, a name outside the allowed characters, an inconsistent version range, a pid
     *     or limit at or above 2^63, or non-zero reserved or padding bytes
     */
    public static DescriptionMessage decode(FrameHeader header, ByteBuffer source, int payloadIndex)
            throws MalformedFrameException {
        if (header.type() != WireProtocol.TYPE_DESCRIPTION) {
            throw new MalformedFrameException("expected DESCRIPTION, got " + WireProtocol.typeName(header.type()));
        }
        DescribeMessage.requireDescribeVersion(header, "DESCRIPTION");
        if (header.flags() != 0) {
            throw new MalformedFrameException("DESCRIPTION flags 0x" + Integer.toHexString(header.flags())
                    + " must be 0");
        }
        long payload = header.payloadLength();
        if (payload < NAME_OFFSET + 1 || payload > MAX_PAYLOAD) {
            throw new MalformedFrameException("DESCRIPTION payload of " + payload + " bytes is outside "
                    + payloadSize(1, 0) + ".." + MAX_PAYLOAD);
        }
        if (source.limit() - payloadIndex < payload) {
            throw new MalformedFrameException("DESCRIPTION payload of " + payload + " bytes but only "
                    + (source.limit() - payloadIndex) + " are present");
        }
        int nameLength = LittleEndian.u8(source, payloadIndex);
        int count = LittleEndian.u8(source, payloadIndex + 1);
        if (count > WireProtocol.MAX_PARAMETERS) {
            throw new MalformedFrameException("DESCRIPTION parameter count " + count + " exceeds "
                    + WireProtocol.MAX_PARAMETERS);
        }
        if (nameLength < 1 || payloadSize(nameLength, count) != payload) {
            throw new MalformedFrameException("DESCRIPTION name length " + nameLength + " and parameter count " + count
                    + " disagree with its payload of " + payload + " bytes");
        }
        ProtocolVersion lowest = ProtocolVersion.of(LittleEndian.u8(source, payloadIndex + 2),
                LittleEndian.u8(source, payloadIndex + 3));
        ProtocolVersion highest = ProtocolVersion.of(LittleEndian.u8(source, payloadIndex + 4),
                LittleEndian.u8(source, payloadIndex + 5));
        if (lowest.compareTo(highest) > 0) {
            throw new MalformedFrameException("DESCRIPTION lowest version " + lowest + " is above highest " + highest);
        }
        if (LittleEndian.u16(source, payloadIndex + 6) != 0) {
            throw new MalformedFrameException("DESCRIPTION reserved field is not 0");
        }
        long pid = LittleEndian.i64(source, payloadIndex + 8);
        long maxBuffer = LittleEndian.i64(source, payloadIndex + 16);
        if (pid < 0 || maxBuffer < 0) {
            throw new MalformedFrameException("DESCRIPTION owner pid " + Long.toUnsignedString(pid)
                    + " or max buffer bytes " + Long.toUnsignedString(maxBuffer) + " is not below 2^63");
        }
        String name = WireNames.read("DESCRIPTION", source, payloadIndex + NAME_OFFSET, nameLength);
        byte[] signature = new byte[count];
        source.get(payloadIndex + NAME_OFFSET + nameLength, signature);
        for (int i = 0; i < count; i++) {
            if (!ParameterMasks.isValid(signature[i] & 0xFF)) {
                throw new MalformedFrameException(String.format("DESCRIPTION mask 0x%02X of parameter %d is invalid",
                        signature[i] & 0xFF, i));
            }
        }
        int end = NAME_OFFSET + nameLength + count;
        if (!LittleEndian.isZero(source, payloadIndex + end, (int) payload - end)) {
            throw new MalformedFrameException("DESCRIPTION padding after the masks is not zero");
        }
        return new DescriptionMessage(name, signature, pid, VersionRange.of(lowest, highest), maxBuffer);
    }

    @Override
    public String toString() {
        return "DESCRIPTION " + name + dev.servicecall.spi.Signatures.describe(signature) + " pid " + ownerPid
                + " service " + serviceVersions + " max buffer " + maxBufferBytes;
    }
}

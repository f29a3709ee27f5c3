package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;

/**
 * The 16-byte header that starts every frame; its layout is frozen across all versions so that
 * any two implementations can at least read each other's versions:
 *
 * <pre>
 * offset size field
 *  0      4   magic           "SCWP" (0x50574353 read little-endian)
 *  4      1   major version   of the writer (HELLO, HELLO_REPLY: highest it speaks; others: negotiated)
 *  5      1   minor version
 *  6      1   architecture    of the writer ({@link Architecture})
 *  7      1   message type    ({@code WireProtocol.TYPE_*})
 *  8      2   flags           per message type
 * 10      2   reserved        0 (ignored in HELLO and HELLO_REPLY)
 * 12      4   payload length  unsigned; bytes following the header
 * </pre>
 *
 * <p>A mutable holder, reused per connection: {@link #read} fills it from a buffer. Not
 * thread-safe.
 */
public final class FrameHeader {
    private int major;
    private int minor;
    private int architecture;
    private int type;
    private int flags;
    private int reserved;
    private long payloadLength;

    /**
     * Writes a header at {@code index} of {@code target} (absolute; position untouched).
     *
     * @param payloadLength the payload size, 0..{@link WireProtocol#MAX_FRAME_CEILING}
     */
    public static void write(ByteBuffer target, int index, ProtocolVersion version, int architecture, int type,
            int flags, int payloadLength) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("payload length " + payloadLength);
        }
        LittleEndian.put32(target, index, WireProtocol.MAGIC);
        LittleEndian.put8(target, index + 4, version.major());
        LittleEndian.put8(target, index + 5, version.minor());
        LittleEndian.put8(target, index + 6, architecture);
        LittleEndian.put8(target, index + 7, type);
        LittleEndian.put16(target, index + 8, flags);
        LittleEndian.put16(target, index + 10, 0);
        LittleEndian.put32(target, index + 12, payloadLength);
    }

    /**
     * Reads the header at {@code index} of {@code source} (absolute). Only the magic is checked
     * here; the reader then applies {@link #requireHandshake} or {@link #requireNegotiated}.
     *
     * @throws MalformedFrameException if fewer than 16 bytes remain after {@code index} within the
     *     limit, or the magic is wrong
     */
    public void read(ByteBuffer source, int index) throws MalformedFrameException {
        if (index < 0 || source.limit() - index < WireProtocol.HEADER_SIZE) {
            throw new MalformedFrameException("truncated header: " + Math.max(0, source.limit() - index)
                    + " of " + WireProtocol.HEADER_SIZE + " bytes");
        }
        int magic = LittleEndian.i32(source, index);
        if (magic != WireProtocol.MAGIC) {
            throw new MalformedFrameException(String.format("wrong magic 0x%08X, expected 0x%08X (\"SCWP\")",
                    magic, WireProtocol.MAGIC));
        }
        major = LittleEndian.u8(source, index + 4);
        minor = LittleEndian.u8(source, index + 5);
        architecture = LittleEndian.u8(source, index + 6);
        type = LittleEndian.u8(source, index + 7);
        flags = LittleEndian.u16(source, index + 8);
        reserved = LittleEndian.u16(source, index + 10);
        payloadLength = LittleEndian.u32(source, index + 12);
    }

    /**
     * Checks a frame of the handshake (any version may appear here).
     *
     * @throws MalformedFrameException if the type is not {@code expectedType} or the payload is
     *     longer than {@link WireProtocol#MAX_CONTROL_PAYLOAD}
     */
    public void requireHandshake(int expectedType) throws MalformedFrameException {
        if (type != expectedType) {
            throw new MalformedFrameException("expected " + WireProtocol.typeName(expectedType) + ", got "
                    + WireProtocol.typeName(type));
        }
        if (payloadLength > WireProtocol.MAX_CONTROL_PAYLOAD) {
            throw new MalformedFrameException(WireProtocol.typeName(type) + " payload of " + payloadLength
                    + " bytes exceeds " + WireProtocol.MAX_CONTROL_PAYLOAD);
        }
    }

    /**
     * Checks a frame after the handshake: the negotiated version, reserved field 0, payload within
     * {@link #payloadLimit(int) payloadLimit(maxPayload)}.
     *
     * @throws MalformedFrameException naming the field that is wrong
     */
    public void requireNegotiated(ProtocolVersion negotiated, int maxPayload) throws MalformedFrameException {
        if (major != negotiated.major() || minor != negotiated.minor()) {
            throw new MalformedFrameException("frame of version " + major + "." + minor + " on a connection that "
                    + "negotiated " + negotiated);
        }
        if (reserved != 0) {
            throw new MalformedFrameException("reserved header field is " + reserved + ", must be 0");
        }
        long limit = payloadLimit(maxPayload);
        if (payloadLength > limit) {
            throw new MalformedFrameException(WireProtocol.typeName(type) + " payload of " + payloadLength
                    + " bytes exceeds the limit of " + limit);
        }
    }

    /**
     * The largest payload a frame of this header's type may carry, for a reader whose limit for
     * CALL and REPLY frames is {@code maxPayload}: every other type (HELLO, HELLO_REPLY, ERROR,
     * DESCRIBE, DESCRIPTION, or a type this version does not know) is a control message of at most
     * {@link WireProtocol#MAX_CONTROL_PAYLOAD} bytes. Known from the 16 header bytes alone, so a
     * reader applies it before it sizes anything for the payload.
     */
    public long payloadLimit(int maxPayload) {
        return type == WireProtocol.TYPE_CALL || type == WireProtocol.TYPE_REPLY ? maxPayload
                : Math.min(maxPayload, WireProtocol.MAX_CONTROL_PAYLOAD);
    }

    /** The writer's major version. */
    public int major() {
        return major;
    }

    /** The writer's minor version. */
    public int minor() {
        return minor;
    }

    /** The version in the header. */
    public ProtocolVersion version() {
        return ProtocolVersion.of(major, minor);
    }

    /** The writer's architecture code. */
    public int architecture() {
        return architecture;
    }

    /** The message type. */
    public int type() {
        return type;
    }

    /** The flags. */
    public int flags() {
        return flags;
    }

    /** The payload length, 0..2^32-1 as sent (check it before use). */
    public long payloadLength() {
        return payloadLength;
    }

    @Override
    public String toString() {
        return WireProtocol.typeName(type) + " v" + major + "." + minor + " arch " + Architecture.name(architecture)
                + " flags 0x" + Integer.toHexString(flags) + " payload " + payloadLength;
    }
}

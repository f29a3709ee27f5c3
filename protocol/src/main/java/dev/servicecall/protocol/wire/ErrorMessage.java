package dev.servicecall.protocol.wire;

import dev.servicecall.spi.NtStatus;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * ERROR: a failure status and a UTF-8 message.
 *
 * <pre>
 * payload offset size field
 *  0             4    status (an NTSTATUS of the contract)
 *  4             4    message length M, 0..{@value WireProtocol#MAX_ERROR_MESSAGE_BYTES}
 *  8             M    message, UTF-8
 * </pre>
 *
 * The payload is exactly {@code 8 + M} bytes. Immutable.
 */
public final class ErrorMessage {
    private static final int FIXED = 8;

    private final int status;
    private final String message;

    /**
     * @param status the failure status, not SUCCESS
     * @param message the text; truncated on a character boundary to
     *     {@link WireProtocol#MAX_ERROR_MESSAGE_BYTES} UTF-8 bytes when written
     */
    public ErrorMessage(int status, String message) {
        if (status == NtStatus.SUCCESS) {
            throw new IllegalArgumentException("an ERROR carries a failure status");
        }
        this.status = status;
        this.message = Objects.requireNonNull(message, "message");
    }

    /** The failure status. */
    public int status() {
        return status;
    }

    /** The message. */
    public String message() {
        return message;
    }

    /** The UTF-8 bytes written for the message: at most {@link WireProtocol#MAX_ERROR_MESSAGE_BYTES}. */
    private byte[] messageBytes() {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= WireProtocol.MAX_ERROR_MESSAGE_BYTES) {
            return bytes;
        }
        int end = WireProtocol.MAX_ERROR_MESSAGE_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // do not cut a multi-byte character
        }
        byte[] cut = new byte[end];
        System.arraycopy(bytes, 0, cut, 0, end);
        return cut;
    }

    /** The whole frame size. */
    public int frameSize() {
        return WireProtocol.HEADER_SIZE + FIXED + messageBytes().length;
    }

    /**
     * Writes the whole frame at {@code index} of {@code target} (absolute).
     *
     * @return the number of bytes written
     */
    public int encode(ByteBuffer target, int index, ProtocolVersion version, int architecture) {
        byte[] bytes = messageBytes();
        FrameHeader.write(target, index, version, architecture, WireProtocol.TYPE_ERROR, 0, FIXED + bytes.length);
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put32(target, p, status);
        LittleEndian.put32(target, p + 4, bytes.length);
        target.put(p + FIXED, bytes);
        return WireProtocol.HEADER_SIZE + FIXED + bytes.length;
    }

    /**
     * Reads the payload of an ERROR whose header is {@code header}.
     *
     * @throws MalformedFrameException for a wrong type, a payload that is not exactly 8 + M bytes,
     *     M over the limit, a SUCCESS status or bytes that are not UTF-8
     */
    public static ErrorMessage decode(FrameHeader header, ByteBuffer source, int payloadIndex)
            throws MalformedFrameException {
        if (header.type() != WireProtocol.TYPE_ERROR) {
            throw new MalformedFrameException("expected ERROR, got " + WireProtocol.typeName(header.type()));
        }
        long payload = header.payloadLength();
        if (payload < FIXED) {
            throw new MalformedFrameException("ERROR payload of " + payload + " bytes, needs at least " + FIXED);
        }
        int status = LittleEndian.i32(source, payloadIndex);
        long length = LittleEndian.u32(source, payloadIndex + 4);
        if (length > WireProtocol.MAX_ERROR_MESSAGE_BYTES) {
            throw new MalformedFrameException("ERROR message length " + length + " exceeds "
                    + WireProtocol.MAX_ERROR_MESSAGE_BYTES);
        }
        if (FIXED + length != payload) {
            throw new MalformedFrameException("ERROR message length " + length + " disagrees with payload of "
                    + payload + " bytes");
        }
        if (status == NtStatus.SUCCESS) {
            throw new MalformedFrameException("ERROR with status SUCCESS");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = source.duplicate().limit(payloadIndex + FIXED + (int) length).position(payloadIndex + FIXED);
        try {
            CharBuffer text = decoder.decode(bytes);
            return new ErrorMessage(status, text.toString());
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("ERROR message is not UTF-8");
        }
    }

    @Override
    public String toString() {
        return "ERROR " + NtStatus.describe(status) + ": " + message;
    }
}

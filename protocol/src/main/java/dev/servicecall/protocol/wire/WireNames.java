package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Routine names inside the control messages (DESCRIBE, DESCRIPTION): written as ASCII, read back
 * with the same character rule the CALL decoder applies. Stateless.
 */
final class WireNames {
    private WireNames() {
    }

    /** The ASCII bytes of a name that passed {@code RoutineNames.check}. */
    static byte[] encode(String name) {
        String problem = dev.servicecall.spi.RoutineNames.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("routine name '" + name + "': " + problem);
        }
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Reads a name of {@code length} bytes at {@code index}.
     *
     * @param message the message type, for error messages
     * @throws MalformedFrameException when the length is outside 1..64 or a byte is outside
     *     {@code A-Z a-z 0-9 . _ -}, or the name starts with {@code .}
     */
    static String read(String message, ByteBuffer source, int index, int length) throws MalformedFrameException {
        if (length < 1 || length > WireProtocol.MAX_NAME_BYTES) {
            throw new MalformedFrameException(message + " name length " + length + " is outside 1.."
                    + WireProtocol.MAX_NAME_BYTES);
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int c = source.get(index + i) & 0xFF;
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && i > 0);
            if (!allowed) {
                throw new MalformedFrameException(String.format("%s name byte 0x%02X at %d is not allowed", message, c, i));
            }
            bytes[i] = (byte) c;
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

package dev.servicecall.cli;

import java.nio.ByteBuffer;

/**
 * Renders bytes like {@code hexdump -C}: an offset, 16 bytes in hex (a gap after 8), and the
 * printable ASCII characters. Stateless and thread-safe.
 *
 * <pre>
 *   00000000  03 00 00 00 00 00 00 00  41 42 43 00 00 00 00 00  |........ABC.....|
 * </pre>
 */
final class HexDump {
    private HexDump() {
    }

    /**
     * The dump of {@code bytes[0, min(length, limit))}, each line indented by {@code indent}, or
     * {@code (empty)}; when {@code limit} cuts it short, a last line says how many bytes were left
     * out. A limit of 0 means no limit.
     */
    static String format(ByteBuffer bytes, int limit, String indent) {
        int length = bytes.remaining();
        if (length == 0) {
            return indent + "(empty)\n";
        }
        int shown = limit > 0 ? Math.min(length, limit) : length;
        StringBuilder out = new StringBuilder();
        int base = bytes.position();
        for (int line = 0; line < shown; line += 16) {
            out.append(indent).append(String.format("%08x ", line));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                if (i == 8) {
                    out.append(' ');
                }
                if (line + i < shown) {
                    int b = bytes.get(base + line + i) & 0xFF;
                    out.append(' ').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
                    ascii.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append("  |").append(ascii).append("|\n");
        }
        if (shown < length) {
            out.append(indent).append("... ").append(length - shown).append(" more bytes (--dump-limit 0 prints all)\n");
        }
        return out.toString();
    }
}

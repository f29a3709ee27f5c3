package dev.servicecall.cli;

import dev.servicecall.spi.ParameterMasks;
import java.util.ArrayList;
import java.util.List;

/**
 * Arguments that fit a registered signature: what {@code bench} calls with when given none, and
 * what {@code call} suggests after a signature mismatch. Values are 0, pointers
 * {@link #BUFFER_SIZE} zero bytes, nullable pointers null; other masks are written raw.
 */
final class ArgumentTemplates {
    /** The size of the buffers of a template. */
    static final int BUFFER_SIZE = 16;

    private ArgumentTemplates() {
    }

    /** One argument word per mask, in the syntax of {@link ArgumentParser}. */
    static List<String> forSignature(byte[] signature) {
        List<String> words = new ArrayList<>(signature.length);
        for (byte raw : signature) {
            int mask = raw & 0xFF;
            switch (mask) {
                case ParameterMasks.BYTE: words.add("byte:0"); break;
                case ParameterMasks.WORD: words.add("word:0"); break;
                case ParameterMasks.DWORD: words.add("dword:0"); break;
                case ParameterMasks.QWORD: words.add("qword:0"); break;
                case ParameterMasks.POINTER: words.add("ptr:" + BUFFER_SIZE); break;
                case ParameterMasks.NULLABLE_POINTER: words.add("nullptr"); break;
                default:
                    words.add(String.format("mask:0x%02X:%s", mask,
                            (mask & ParameterMasks.PT) != 0 ? (ParameterMasks.isNullable(mask) ? "null" : Integer.toString(BUFFER_SIZE)) : "0"));
            }
        }
        return words;
    }
}

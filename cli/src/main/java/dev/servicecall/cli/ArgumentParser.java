package dev.servicecall.cli;

import dev.servicecall.spi.ParameterMasks;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Parses the routine arguments of {@code servicecall call} and {@code bench}, one word per
 * parameter (the syntax is {@link #SYNTAX}). Stateless and thread-safe.
 */
final class ArgumentParser {
    /** The largest buffer the tool accepts: the protocol's frame ceiling, 1 GiB. */
    static final int MAX_BUFFER = 1 << 30;

    /** The accepted syntax, as {@code --help} and every argument error show it. */
    static final String SYNTAX = String.join("\n",
            "  byte:V  word:V  dword:V  qword:V",
            "                      a value of 8, 16, 32 or 64 bits (masks BYTE 0x81, WORD 0x82, DWORD 0x84,",
            "                      QWORD 0x88); V is decimal (may be negative) or 0x hex and must fit the width",
            "  ptr:SIZE            a POINTER (0x40) to SIZE zero bytes (SIZE decimal or 0x hex, at most 1 GiB)",
            "  ptr:hex:BYTES       a POINTER to these bytes, two hex digits each (ptr:hex:0a0b0c); ptr:hex: is empty",
            "  ptr:SIZE:hex:BYTES  a POINTER to SIZE bytes that start with these",
            "  nptr:SIZE  nptr:hex:BYTES  nptr:SIZE:hex:BYTES",
            "                      the same as a NULLABLE_POINTER (0x60)",
            "  nullptr             a null NULLABLE_POINTER",
            "  mask:M:REST         any raw mask M (0..255, decimal or 0x hex), for signatures such as 0x8C or to",
            "                      test invalid masks: when M has the pointer bit 0x40, REST is SIZE, hex:BYTES,",
            "                      SIZE:hex:BYTES or null; otherwise REST is a value, passed untruncated (the",
            "                      library truncates it to the mask's width)");

    private ArgumentParser() {
    }

    /**
     * Parses every word.
     *
     * @param command the command, for the error's help pointer
     * @throws UsageException naming the argument (1-based), what is wrong and the accepted syntax
     */
    static List<CallArgument> parseAll(String command, List<String> words) throws UsageException {
        if (words.size() > ParameterMasks.MAX_PARAMETERS) {
            throw new UsageException(command, words.size() + " arguments; a routine has at most "
                    + ParameterMasks.MAX_PARAMETERS + " parameters");
        }
        List<CallArgument> arguments = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            arguments.add(parse(command, i + 1, words.get(i)));
        }
        return arguments;
    }

    /**
     * Parses one word.
     *
     * @param position the argument's position, 1-based, for the message
     * @throws UsageException naming the argument, what is wrong and the accepted syntax
     */
    static CallArgument parse(String command, int position, String word) throws UsageException {
        try {
            return parse(word);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command, "argument " + position + " '" + word + "': " + e.getMessage()
                    + "\naccepted arguments:\n" + SYNTAX);
        }
    }

    private static CallArgument parse(String word) {
        int colon = word.indexOf(':');
        String kind = (colon < 0 ? word : word.substring(0, colon)).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? null : word.substring(colon + 1);
        switch (kind) {
            case "byte": return CallArgument.value(word, ParameterMasks.BYTE, value(rest, 8));
            case "word": return CallArgument.value(word, ParameterMasks.WORD, value(rest, 16));
            case "dword": return CallArgument.value(word, ParameterMasks.DWORD, value(rest, 32));
            case "qword": return CallArgument.value(word, ParameterMasks.QWORD, value(rest, 64));
            case "ptr": return buffer(word, ParameterMasks.POINTER, required(rest, "ptr:SIZE or ptr:hex:BYTES"));
            case "nptr": return buffer(word, ParameterMasks.NULLABLE_POINTER,
                    required(rest, "nptr:SIZE or nptr:hex:BYTES"));
            case "nullptr":
                if (rest != null) {
                    throw new IllegalArgumentException("nullptr takes nothing after it");
                }
                return CallArgument.nullPointer(word, ParameterMasks.NULLABLE_POINTER);
            case "mask": return raw(word, required(rest, "mask:M:REST"));
            default:
                throw new IllegalArgumentException("unknown kind '" + kind + "'");
        }
    }

    private static String required(String rest, String form) {
        if (rest == null) {
            throw new IllegalArgumentException("expected " + form);
        }
        return rest;
    }

    private static CallArgument raw(String word, String rest) {
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected mask:M:REST, e.g. mask:0x8C:5 or mask:0x40:null");
        }
        BigInteger m = number(rest.substring(0, colon), "mask");
        if (m.signum() < 0 || m.bitLength() > 8) {
            throw new IllegalArgumentException("mask " + rest.substring(0, colon) + " is not in 0..255");
        }
        int mask = m.intValue();
        String tail = rest.substring(colon + 1);
        if ((mask & ParameterMasks.PT) != 0) {
            if (tail.equalsIgnoreCase("null")) {
                return CallArgument.nullPointer(word, mask);
            }
            return buffer(word, mask, tail);
        }
        return CallArgument.value(word, mask, value(tail, 64));
    }

    /** SIZE | hex:BYTES | SIZE:hex:BYTES */
    private static CallArgument buffer(String word, int mask, String spec) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("hex:")) {
            byte[] bytes = hex(spec.substring(4));
            return CallArgument.buffer(word, mask, bytes.length, bytes);
        }
        int hexAt = lower.indexOf(":hex:");
        String sizeText = hexAt < 0 ? spec : spec.substring(0, hexAt);
        BigInteger size = number(sizeText, "size");
        if (size.signum() < 0 || size.compareTo(BigInteger.valueOf(MAX_BUFFER)) > 0) {
            throw new IllegalArgumentException("size " + sizeText + " is not in 0.." + MAX_BUFFER);
        }
        byte[] bytes = hexAt < 0 ? new byte[0] : hex(spec.substring(hexAt + 5));
        if (bytes.length > size.intValue()) {
            throw new IllegalArgumentException(bytes.length + " initial bytes do not fit in a buffer of " + size);
        }
        return CallArgument.buffer(word, mask, size.intValue(), bytes);
    }

    private static byte[] hex(String digits) {
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex bytes need two digits each, '" + digits + "' has "
                    + digits.length());
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + digits + "' is not hex bytes (0-9 a-f, two digits each)");
        }
    }

    /** A value that fits {@code bits}, signed or unsigned, as the unsigned bit pattern in a long. */
    private static long value(String text, int bits) {
        if (text == null) {
            throw new IllegalArgumentException("expected a value after ':', e.g. dword:1 or dword:0xFF");
        }
        BigInteger v = number(text, "value");
        BigInteger low = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger high = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (v.compareTo(low) < 0 || v.compareTo(high) > 0) {
            throw new IllegalArgumentException("value " + text + " does not fit in " + bits + " bits (" + low + ".."
                    + high + ")");
        }
        return v.longValue();
    }

    /** Decimal or 0x hex, optionally negative. */
    static BigInteger number(String text, String what) {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        String digits = negative ? t.substring(1) : t;
        int radix = 10;
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
            radix = 16;
        }
        if (digits.isEmpty() || digits.startsWith("-") || digits.startsWith("+")) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number (decimal or 0x hex)");
        }
        try {
            BigInteger v = new BigInteger(digits, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number (decimal or 0x hex)");
        }
    }
}

package dev.servicecall.protocol.wire;

import dev.servicecall.protocol.wire.ServiceSideDecoding.Outcome;

/**
 * An independent, deliberately plain reading of {@code docs/wire-protocol.md} (sections 3, 4.1,
 * 4.3, 4.6, 6): whether the service must accept a frame, reject it as malformed, or wait for more
 * bytes. It shares no code with the codec (bytes are read from a {@code byte[]} by hand), so that
 * the fuzz test compares two implementations of the document, not one with itself.
 *
 * <p>Flags and reserved fields of a HELLO header are ignored, as the document says readers of
 * the handshake do; a non-nullable pointer sent as null is well-formed here (the service answers
 * it with ERROR INVALID_PARAMETER_2 on an open connection, not as a malformed frame). Stateless.
 */
final class ReferenceFrameRules {
    private static final int HEADER = 16;
    private static final long NULL_MARKER = -1L;

    private ReferenceFrameRules() {
    }

    /**
     * The outcome the document prescribes for {@code frame} received by a service with max frame
     * {@code maxFrame}, as the first frame of a connection or after a handshake that negotiated
     * {@code major.minor}.
     */
    static Outcome judge(byte[] frame, boolean afterHandshake, int major, int minor, int maxFrame) {
        if (frame.length < HEADER) {
            return Outcome.INCOMPLETE;
        }
        if (frame[0] != 'S' || frame[1] != 'C' || frame[2] != 'W' || frame[3] != 'P') {
            return Outcome.MALFORMED;
        }
        long payload = u32(frame, 12);
        int type = frame[7] & 0xFF;
        boolean mayBeLarge = afterHandshake && (type == 3 || type == 4); // CALL, REPLY; all else is a control message
        if (payload > (mayBeLarge ? maxFrame : Math.min(maxFrame, 4096))) {
            return Outcome.MALFORMED;
        }
        if (frame.length < HEADER + payload) {
            return Outcome.INCOMPLETE;
        }
        if (!afterHandshake) {
            return type == 1 && helloIsWellFormed(frame, (int) payload) ? Outcome.ACCEPTED : Outcome.MALFORMED;
        }
        boolean negotiatedVersion = (frame[4] & 0xFF) == major && (frame[5] & 0xFF) == minor;
        if (!negotiatedVersion || u16(frame, 10) != 0) {
            return Outcome.MALFORMED;
        }
        boolean describeKnown = major > 1 || (major == 1 && minor >= 1);
        if (type == 3) {
            return callIsWellFormed(frame, (int) payload) ? Outcome.ACCEPTED : Outcome.MALFORMED;
        }
        if (type == 6 && describeKnown) {
            return describeIsWellFormed(frame, (int) payload) ? Outcome.ACCEPTED : Outcome.MALFORMED;
        }
        return Outcome.MALFORMED;
    }

    private static boolean describeIsWellFormed(byte[] frame, int payload) {
        int p = HEADER;
        if (payload < 8) {
            return false;
        }
        int nameLength = frame[p] & 0xFF;
        if (u16(frame, 8) != 0 || nameLength < 1 || nameLength > 64 || payload != (4 + nameLength + 7) / 8 * 8) {
            return false;
        }
        if (frame[p + 1] != 0 || frame[p + 2] != 0 || frame[p + 3] != 0 || !nameIsAllowed(frame, p + 4, nameLength)) {
            return false;
        }
        for (int i = 4 + nameLength; i < payload; i++) {
            if (frame[p + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean nameIsAllowed(byte[] frame, int at, int length) {
        for (int i = 0; i < length; i++) {
            char c = (char) (frame[at + i] & 0xFF);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!(letterOrDigit || c == '_' || c == '-' || (c == '.' && i > 0))) {
                return false;
            }
        }
        return true;
    }

    private static boolean helloIsWellFormed(byte[] frame, int payload) {
        if (payload < 16) {
            return false;
        }
        int highest = (frame[4] & 0xFF) << 8 | (frame[5] & 0xFF);
        int lowest = (frame[HEADER] & 0xFF) << 8 | (frame[HEADER + 1] & 0xFF);
        return lowest <= highest && u32(frame, HEADER + 4) >= 65_536;
    }

    private static boolean callIsWellFormed(byte[] frame, int payload) {
        int flags = u16(frame, 8);
        if ((flags & ~1) != 0 || payload < 4) {
            return false;
        }
        int p = HEADER;
        int nameLength = frame[p] & 0xFF;
        int count = frame[p + 1] & 0xFF;
        if (nameLength < 1 || nameLength > 64 || count > 64 || u16(frame, p + 2) != 0) {
            return false;
        }
        if (4 + nameLength + count > payload) {
            return false;
        }
        if (!nameIsAllowed(frame, p + 4, nameLength)) {
            return false;
        }
        int masksEnd = 4 + nameLength + count;
        int slots = (masksEnd + 7) / 8 * 8;
        if ((long) slots + 8L * count > payload) {
            return false;
        }
        for (int i = masksEnd; i < slots; i++) {
            if (frame[p + i] != 0) {
                return false;
            }
        }
        boolean omitted = (flags & 1) != 0;
        long end = slots + 8L * count;
        for (int i = 0; i < count; i++) {
            int mask = frame[p + 4 + nameLength + i] & 0xFF;
            boolean reservedBit = (mask & 0x10) != 0;
            boolean byValue = (mask & 0x80) != 0;
            boolean validValue = byValue && (mask & 0x60) == 0 && (mask & 0x0F) != 0;
            boolean validPointer = !byValue && (mask & 0x40) != 0;
            if (reservedBit || !(validValue || validPointer)) {
                return false;
            }
            long slot = i64(frame, p + slots + 8 * i);
            if (byValue || slot == NULL_MARKER) {
                continue;
            }
            if (slot < 0) {
                return false;
            }
            if (omitted) {
                continue;
            }
            if (slot > payload - end) {
                return false;
            }
            long padded = (slot + 7) / 8 * 8;
            if (padded > payload - end) {
                return false;
            }
            for (long j = end + slot; j < end + padded; j++) {
                if (frame[(int) (p + j)] != 0) {
                    return false;
                }
            }
            end += padded;
        }
        return end == payload;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFF_FFFFL;
    }

    private static long i64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}

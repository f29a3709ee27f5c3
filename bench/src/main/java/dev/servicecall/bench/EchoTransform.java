package dev.servicecall.bench;

import java.nio.ByteBuffer;

/**
 * What every echo service of the benchmark does to the buffer it receives, so that the bytes
 * written back differ from the bytes sent and a transport cannot skip the write-back: it flips
 * (XOR {@code 0x5A}) the first 8 bytes of every 4 KiB page and the last byte. The same
 * transform runs in the ServiceCall routine, the NIO server and the RMI server, so every row
 * pays the same service-side cost (a few loads and stores per page, far below a copy).
 *
 * <p>The transform is its own inverse. Stateless and thread-safe.
 */
public final class EchoTransform {
    /** The page size whose first bytes are flipped. */
    public static final int PAGE = 4096;
    /** How many bytes are flipped at the start of each page. */
    public static final int TOUCHED_PER_PAGE = 8;

    private static final byte PATTERN = 0x5A;
    /** Eight copies of {@link #PATTERN}: the same in either byte order. */
    private static final long PATTERN_LONG = 0x5A5A5A5A5A5A5A5AL;

    private EchoTransform() {
    }

    /** Applies the transform to {@code buffer[0, size)} (absolute indexes; position untouched). */
    public static void apply(ByteBuffer buffer, int size) {
        for (int page = 0; page < size; page += PAGE) {
            if (size - page >= TOUCHED_PER_PAGE) {
                buffer.putLong(page, buffer.getLong(page) ^ PATTERN_LONG);
            } else {
                for (int i = page; i < size; i++) {
                    buffer.put(i, (byte) (buffer.get(i) ^ PATTERN));
                }
            }
        }
        int last = size - 1;
        if (last >= 0 && last % PAGE >= TOUCHED_PER_PAGE) {
            buffer.put(last, (byte) (buffer.get(last) ^ PATTERN));
        }
    }

    /** Applies the transform to all of {@code data}. */
    public static void apply(byte[] data) {
        apply(ByteBuffer.wrap(data), data.length);
    }

    /** Whether byte {@code index} of a buffer of {@code size} bytes is flipped by the transform. */
    public static boolean touches(int index, int size) {
        return index % PAGE < TOUCHED_PER_PAGE || index == size - 1;
    }

    /**
     * Checks that {@code echoed} is {@code sent} transformed once.
     *
     * @throws IllegalStateException naming the first wrong byte
     */
    public static void verify(String what, byte[] sent, byte[] echoed) {
        if (echoed == null || echoed.length != sent.length) {
            throw new IllegalStateException(what + ": echo returned " + (echoed == null ? "null" : echoed.length + " bytes")
                    + ", expected " + sent.length);
        }
        for (int i = 0; i < sent.length; i++) {
            byte expected = touches(i, sent.length) ? (byte) (sent[i] ^ PATTERN) : sent[i];
            if (echoed[i] != expected) {
                throw new IllegalStateException(what + ": byte " + i + " of " + sent.length + " is " + echoed[i]
                        + ", expected " + expected + " (the service's changes were not written back)");
            }
        }
    }
}

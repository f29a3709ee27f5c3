package dev.servicecall.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Absolute little-endian reads and writes on any {@link ByteBuffer}, whatever its byte order, and
 * without touching its position, limit or order. The codec uses only these, so it can work on a
 * socket buffer, a heap buffer or (later) a mapped shared-memory region alike.
 */
final class LittleEndian {
    private LittleEndian() {
    }

    static int u8(ByteBuffer buffer, int index) {
        return buffer.get(index) & 0xFF;
    }

    static int u16(ByteBuffer buffer, int index) {
        short value = buffer.getShort(index);
        return (buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Short.reverseBytes(value)) & 0xFFFF;
    }

    static int i32(ByteBuffer buffer, int index) {
        int value = buffer.getInt(index);
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }

    static long u32(ByteBuffer buffer, int index) {
        return i32(buffer, index) & 0xFFFF_FFFFL;
    }

    static long i64(ByteBuffer buffer, int index) {
        long value = buffer.getLong(index);
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Long.reverseBytes(value);
    }

    static void put8(ByteBuffer buffer, int index, int value) {
        buffer.put(index, (byte) value);
    }

    static void put16(ByteBuffer buffer, int index, int value) {
        short v = (short) value;
        buffer.putShort(index, buffer.order() == ByteOrder.LITTLE_ENDIAN ? v : Short.reverseBytes(v));
    }

    static void put32(ByteBuffer buffer, int index, int value) {
        buffer.putInt(index, buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }

    static void put64(ByteBuffer buffer, int index, long value) {
        buffer.putLong(index, buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    /** Writes {@code count} zero bytes from {@code index}. */
    static void zero(ByteBuffer buffer, int index, int count) {
        for (int i = 0; i < count; i++) {
            buffer.put(index + i, (byte) 0);
        }
    }

    /** Whether the {@code count} bytes from {@code index} are all zero. */
    static boolean isZero(ByteBuffer buffer, int index, int count) {
        for (int i = 0; i < count; i++) {
            if (buffer.get(index + i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code value} rounded up to a multiple of 8; {@code value} must be >= 0. */
    static long align8(long value) {
        return (value + 7) & ~7L;
    }
}

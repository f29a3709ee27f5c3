package dev.servicecall.tck;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/** Byte helpers of the kit: patterns, digests, little-endian reads. Stateless. */
final class Bytes {
    private Bytes() {
    }

    /** {@code size} bytes {@code seed, seed+1, ...} (mod 256). */
    static byte[] counting(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return bytes;
    }

    /** {@code size} pseudo-random bytes from {@code seed}. */
    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i + 8 <= size; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        for (int i = size - size % 8; i < size; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Every byte plus one. */
    static byte[] incremented(byte[] bytes) {
        byte[] result = bytes.clone();
        for (int i = 0; i < result.length; i++) {
            result[i]++;
        }
        return result;
    }

    static byte[] sha256(byte[] bytes) {
        return sha256(ByteBuffer.wrap(bytes));
    }

    static byte[] sha256(ByteBuffer bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes.duplicate());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** SHA-256 of the bytes complemented, without a second copy of them. */
    static byte[] sha256OfComplement(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[1 << 16];
            for (int offset = 0; offset < bytes.length; offset += chunk.length) {
                int length = Math.min(chunk.length, bytes.length - offset);
                for (int i = 0; i < length; i++) {
                    chunk[i] = (byte) ~bytes[offset + i];
                }
                sha.update(chunk, 0, length);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return String.format("%08x", crc.getValue());
    }

    static int intLe(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    static long longLe(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    /** The ASCII text up to the first zero byte. */
    static String ascii(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    /** The bytes of {@code buffer}'s whole capacity, without touching its position or limit. */
    static byte[] contents(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }
}

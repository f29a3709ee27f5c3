package dev.servicecall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hex dumps, little-endian readings, durations and the latency histogram. */
class FormattingTest {
    @Test
    void hexDump_offsetsHexAndAscii_gapAfterEight() {
        byte[] bytes = new byte[20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('A' + i);
        }
        bytes[1] = 0;
        assertEquals("  00000000  41 00 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |A.CDEFGHIJKLMNOP|\n"
                + "  00000010  51 52 53 54                                       |QRST|\n",
                HexDump.format(ByteBuffer.wrap(bytes), 0, "  "));
        assertEquals("  (empty)\n", HexDump.format(ByteBuffer.allocate(0), 0, "  "));
    }

    @Test
    void hexDump_limit_saysWhatWasLeftOut() {
        String dump = HexDump.format(ByteBuffer.allocate(40), 16, "");
        assertEquals(2, dump.split("\n").length, dump);
        assertTrue(dump.endsWith("... 24 more bytes (--dump-limit 0 prints all)\n"), dump);
    }

    @Test
    void littleEndianInteger_forOneTwoFourAndEightBytes() {
        assertEquals("u32 LE 42", CallCommand.littleEndianInteger(ByteBuffer.wrap(new byte[] {42, 0, 0, 0})));
        assertEquals("u32 LE 4294967295, i32 -1",
                CallCommand.littleEndianInteger(ByteBuffer.wrap(new byte[] {-1, -1, -1, -1})));
        assertEquals("u8 LE 200, i8 -56", CallCommand.littleEndianInteger(ByteBuffer.wrap(new byte[] {(byte) 200})));
        assertEquals("u16 LE 258", CallCommand.littleEndianInteger(ByteBuffer.wrap(new byte[] {2, 1})));
        assertEquals("u64 LE 1", CallCommand.littleEndianInteger(ByteBuffer.wrap(new byte[] {1, 0, 0, 0, 0, 0, 0, 0})));
        assertEquals(null, CallCommand.littleEndianInteger(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void durations_parseAndPrint() throws Exception {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), Durations.parseNanos("call", "--timeout", "500ms"));
        assertEquals(TimeUnit.SECONDS.toNanos(5), Durations.parseNanos("call", "--timeout", "5s"));
        assertEquals(TimeUnit.MINUTES.toNanos(2), Durations.parseNanos("call", "--timeout", "2m"));
        assertEquals(0, Durations.parseNanos("call", "--timeout", "0"));
        for (String bad : new String[] {"5", "-1s", "0s", "soon", "1h"}) {
            UsageException e = assertThrows(UsageException.class, () -> Durations.parseNanos("call", "--timeout", bad));
            assertTrue(e.getMessage().contains("500ms, 5s, 2m"), e.getMessage());
        }
        assertEquals("812 ns", Durations.latency(812));
        assertEquals("35.2 us", Durations.latency(35_200));
        assertEquals("1.20 ms", Durations.latency(1_200_000));
        assertEquals("2.50 s", Durations.latency(2_500_000_000.0));
    }

    @Test
    void histogram_bucketsCoverEveryValueWithin1Point6Percent() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextInt(4) == 0 ? random.nextInt(300) : random.nextLong() >>> (1 + random.nextInt(63));
            int index = LatencyHistogram.index(value);
            long upper = LatencyHistogram.upperBound(index);
            assertTrue(upper >= value, value + " above its bucket's bound " + upper);
            assertTrue(index == 0 || LatencyHistogram.upperBound(index - 1) < value, "bucket of " + value);
            assertTrue(upper - value <= Math.max(0, value / 64), value + " -> " + upper);
        }
        assertEquals(Long.MAX_VALUE, LatencyHistogram.upperBound(LatencyHistogram.index(Long.MAX_VALUE)));
    }

    @Test
    void histogram_percentilesMinMaxAndMerge() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            (i % 2 == 0 ? a : b).record(i * 1_000L); // 1 us .. 1 ms
        }
        a.add(b);
        assertEquals(1000, a.count());
        assertEquals(1_000, a.min());
        assertEquals(1_000_000, a.max());
        assertWithin(500_000, a.percentile(50));
        assertWithin(900_000, a.percentile(90));
        assertWithin(990_000, a.percentile(99));
        assertEquals(1_000_000, a.percentile(100));
        assertEquals(500_500, a.mean(), 0.001);
        long[] powers = a.powerOfTwoCounts();
        long sum = 0;
        for (long count : powers) {
            sum += count;
        }
        assertEquals(1000, sum);
        assertEquals(9, a.firstPower(), "1000 ns is in [512, 1024)");
        assertEquals(0, new LatencyHistogram().percentile(99));
        assertThrows(IllegalArgumentException.class, () -> a.percentile(0));
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected + expected / 64 + 1, expected + " ~ " + actual);
    }
}

package dev.servicecall.cli;

import java.util.Arrays;

/**
 * Round-trip latencies in nanoseconds, counted in log-linear buckets: exact below 128 ns, then 64
 * buckets per power of two (so a reported value is at most 1/64, about 1.6 %, above the true one).
 * Fixed size (3 712 counters), so recording allocates nothing. Percentiles report the upper bound
 * of the bucket that holds them; min and max are exact. Not thread-safe: one per thread, then
 * {@link #add}.
 */
final class LatencyHistogram {
    private static final int EXACT = 128;
    private static final int SUB_BUCKETS = 64;
    private static final int BUCKETS = EXACT + 56 * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    private long sum;

    /** Counts one latency; negative values count as 0. */
    void record(long nanos) {
        long value = Math.max(0, nanos);
        counts[index(value)]++;
        total++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Adds every count of {@code other} to this one. */
    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int msb = 63 - Long.numberOfLeadingZeros(value);
        int shift = msb - 6;
        int top = (int) (value >>> shift); // 64..127
        return EXACT + (shift - 1) * SUB_BUCKETS + (top - SUB_BUCKETS);
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB_BUCKETS + 1;
        long top = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((top + 1) << shift) - 1;
    }

    /** The number of latencies recorded. */
    long count() {
        return total;
    }

    /** The smallest latency, exact; 0 when empty. */
    long min() {
        return total == 0 ? 0 : min;
    }

    /** The largest latency, exact; 0 when empty. */
    long max() {
        return max;
    }

    /** The mean latency; 0 when empty. */
    double mean() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /**
     * The latency at or below which {@code percent} of the calls fell: the upper bound of its
     * bucket, never above {@link #max()}; 0 when empty.
     *
     * @param percent 0 < percent <= 100
     */
    long percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile " + percent);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percent / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    /**
     * Counts per power-of-two range {@code [2^k, 2^(k+1))} from the one holding the minimum to the
     * one holding the maximum (for the histogram's bars). Entry {@code i} is the range starting at
     * {@code 2^(firstPower + i)}; with {@code firstPower} 0 the first range is {@code [0, 2)}.
     */
    long[] powerOfTwoCounts() {
        long[] byPower = new long[64];
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                byPower[power(upperBound(i))] += counts[i];
            }
        }
        return Arrays.copyOfRange(byPower, firstPower(), power(max) + 1);
    }

    /** The power of two the first entry of {@link #powerOfTwoCounts()} starts at. */
    int firstPower() {
        return power(min());
    }

    private static int power(long value) {
        return value <= 1 ? 0 : 63 - Long.numberOfLeadingZeros(value);
    }
}

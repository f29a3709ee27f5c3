package dev.servicecall.bench;

/**
 * One measured column of the table, with its unit. Latencies are microseconds per round trip
 * (JMH sample-time percentiles), throughput is calls per second over all client threads,
 * allocation is bytes allocated in the client JVM per call (JMH gc profiler,
 * {@code gc.alloc.rate.norm}).
 */
enum Metric {
    NULL_P50("null p50 µs"),
    NULL_P99("null p99 µs"),
    SMALL_P50("4 KiB p50 µs"),
    SMALL_P99("4 KiB p99 µs"),
    LARGE_P50("1 MiB p50 µs"),
    LARGE_P99("1 MiB p99 µs"),
    CALLS_1_THREAD("calls/s 1 thr"),
    CALLS_2_THREADS("calls/s 2 thr"),
    CALLS_4_THREADS("calls/s 4 thr"),
    CALLS_8_THREADS("calls/s 8 thr"),
    ALLOC_NULL("B/call null"),
    ALLOC_SMALL("B/call 4 KiB"),
    ALLOC_LARGE("B/call 1 MiB");

    private final String header;

    Metric(String header) {
        this.header = header;
    }

    /** The column header. */
    String header() {
        return header;
    }

    /** The throughput column for {@code threads} client threads. */
    static Metric callsPerSecond(int threads) {
        switch (threads) {
            case 1: return CALLS_1_THREAD;
            case 2: return CALLS_2_THREADS;
            case 4: return CALLS_4_THREADS;
            case 8: return CALLS_8_THREADS;
            default: throw new IllegalArgumentException("no column for " + threads + " threads");
        }
    }
}

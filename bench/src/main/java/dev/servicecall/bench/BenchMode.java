package dev.servicecall.bench;

import java.util.Locale;

/**
 * How long and how often each benchmark runs. {@link #QUICK} keeps a whole run of five rows
 * under three minutes on a 2-core machine, at the price of wider error; {@link #FULL} is what
 * the documented table comes from.
 *
 * @param name the name on the command line
 * @param latencyForks JMH forks per latency benchmark (null, 4 KiB, 1 MiB)
 * @param throughputForks JMH forks per throughput benchmark (one per thread count)
 * @param warmupIterations warm-up iterations per fork
 * @param warmupSeconds seconds per warm-up iteration
 * @param measurementIterations measured iterations per fork
 * @param measurementSeconds seconds per measured iteration
 */
record BenchMode(String name, int latencyForks, int throughputForks, int warmupIterations, int warmupSeconds,
        int measurementIterations, int measurementSeconds) {

    /** A few seconds per benchmark: under 3 minutes for five rows. */
    static final BenchMode QUICK = new BenchMode("quick", 1, 1, 1, 1, 2, 1);
    /**
     * The documented run: three forks of everything, so that the median over forks survives one
     * fork disturbed by a neighbour; about 3 minutes per row.
     */
    static final BenchMode FULL = new BenchMode("full", 3, 3, 3, 1, 5, 1);

    /** Client thread counts of the throughput columns. */
    static final int[] THREAD_COUNTS = {1, 2, 4, 8};

    /** JVM start-up and teardown of one fork, as measured on a 2-core VM (about 1 s). */
    private static final int FORK_OVERHEAD_SECONDS = 1;

    /** The mode called {@code name}. @throws IllegalArgumentException for an unknown name */
    static BenchMode named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "quick": return QUICK;
            case "full": return FULL;
            default: throw new IllegalArgumentException("unknown mode '" + name + "' (quick or full)");
        }
    }

    /** Seconds one fork is expected to take. */
    int secondsPerFork() {
        return warmupIterations * warmupSeconds + measurementIterations * measurementSeconds + FORK_OVERHEAD_SECONDS;
    }

    /** Seconds one row is expected to take. */
    int secondsPerRow() {
        return secondsPerFork() * (3 * latencyForks + THREAD_COUNTS.length * throughputForks);
    }
}

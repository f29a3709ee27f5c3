package dev.servicecall.cli;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Durations on the command line ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 0}) and latencies in output. */
final class Durations {
    private Durations() {
    }

    /**
     * Parses {@code text} to nanoseconds: a whole number with {@code ms}, {@code s} or {@code m},
     * or {@code 0} for no limit.
     *
     * @throws UsageException naming the option and the accepted forms
     */
    static long parseNanos(String command, String option, String text) throws UsageException {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) {
                return 0;
            }
            if (t.endsWith("ms")) {
                return TimeUnit.MILLISECONDS.toNanos(positive(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return TimeUnit.SECONDS.toNanos(positive(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return TimeUnit.MINUTES.toNanos(positive(t.substring(0, t.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command, option + " '" + text + "' is not a duration; use e.g. 500ms, 5s, 2m, or 0 for"
                + " no limit");
    }

    private static long positive(String digits) {
        long value = Long.parseLong(digits);
        if (value <= 0) {
            throw new NumberFormatException("not positive");
        }
        return value;
    }

    /** A latency for people: {@code 812 ns}, {@code 35.2 us}, {@code 1.20 ms}, {@code 2.50 s}. */
    static String latency(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, nanos < 100_000 ? "%.1f us" : "%.0f us", nanos / 1_000);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000);
    }
}

package dev.servicecall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The targets of issue 5, checked against one run's table (ratios within one run only):
 * <ul>
 *   <li>jnr null call median no slower than the NIO baseline (1.0x); jna within 1.3x;</li>
 *   <li>1 MiB in/out median at least 5x faster than RMI on both native transports;</li>
 *   <li>client allocation per null call under 64 bytes on the native transports;</li>
 *   <li>throughput grows from 1 to 2 client threads on every ServiceCall row: by at least
 *       {@value #MIN_GROWTH_1_TO_2}x, so that run-to-run noise does not count as growth.</li>
 * </ul>
 * A target whose row did not run is reported as not measured, never as met. Stateless.
 */
final class TargetCheck {
    /** The verdict on one target. */
    enum Verdict { MET, MISSED, NOT_MEASURED }

    /** One target's outcome, with the figures behind it. */
    record Outcome(Verdict verdict, String target, String detail) {
        @Override
        public String toString() {
            return verdictText() + "  " + target + (detail.isEmpty() ? "" : ": " + detail);
        }

        String verdictText() {
            switch (verdict) {
                case MET: return "met         ";
                case MISSED: return "MISSED      ";
                default: return "not measured";
            }
        }
    }

    static final String JNA = "jna";
    static final String JNR = "jnr";
    static final double JNR_NULL_VS_NIO = 1.0;
    static final double JNA_NULL_VS_NIO = 1.3;
    static final double LARGE_SPEEDUP_VS_RMI = 5.0;
    static final double MAX_NULL_ALLOCATION = 64.0;
    static final double MIN_GROWTH_1_TO_2 = 1.1;

    private TargetCheck() {
    }

    /** Checks every target on {@code table}. */
    static List<Outcome> check(ResultTable table) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(nullVersusNio(table, JNR, JNR_NULL_VS_NIO));
        outcomes.add(nullVersusNio(table, JNA, JNA_NULL_VS_NIO));
        for (String transport : List.of(JNA, JNR)) {
            outcomes.add(largeVersusRmi(table, transport));
        }
        for (String transport : List.of(JNA, JNR)) {
            outcomes.add(nullAllocation(table, transport));
        }
        for (RowResult result : table.results()) {
            if (result.row().kind() == RowTarget.Kind.SERVICECALL
                    || result.row().kind() == RowTarget.Kind.SERVICECALL_IN_PROCESS) {
                outcomes.add(throughputGrows(result));
            }
        }
        return outcomes;
    }

    private static Outcome nullVersusNio(ResultTable table, String transport, double limit) {
        String target = String.format(Locale.ROOT, "%s null-call median <= %.1fx NIO", transport, limit);
        Optional<RowResult> row = table.row(transport);
        if (row.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "no " + transport + " row");
        }
        OptionalDouble ratio = table.ratio(row.get(), Metric.NULL_P50, Row.NIO);
        if (ratio.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "null-call medians missing");
        }
        return new Outcome(ratio.getAsDouble() <= limit ? Verdict.MET : Verdict.MISSED, target,
                String.format(Locale.ROOT, "%.2fx (%s µs vs %s µs)", ratio.getAsDouble(),
                        value(row.get(), Metric.NULL_P50), value(table.row(Row.NIO).get(), Metric.NULL_P50)));
    }

    private static Outcome largeVersusRmi(ResultTable table, String transport) {
        String target = String.format(Locale.ROOT, "%s 1 MiB in/out median >= %.0fx faster than RMI", transport,
                LARGE_SPEEDUP_VS_RMI);
        Optional<RowResult> row = table.row(transport);
        if (row.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "no " + transport + " row");
        }
        OptionalDouble ratio = table.ratio(row.get(), Metric.LARGE_P50, Row.RMI);
        if (ratio.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "1 MiB medians missing");
        }
        double speedup = 1 / ratio.getAsDouble();
        return new Outcome(speedup >= LARGE_SPEEDUP_VS_RMI ? Verdict.MET : Verdict.MISSED, target,
                String.format(Locale.ROOT, "%.2fx faster (%s µs vs %s µs)", speedup,
                        value(row.get(), Metric.LARGE_P50), value(table.row(Row.RMI).get(), Metric.LARGE_P50)));
    }

    private static Outcome nullAllocation(ResultTable table, String transport) {
        String target = String.format(Locale.ROOT, "%s client allocation per null call < %.0f B", transport,
                MAX_NULL_ALLOCATION);
        Optional<RowResult> row = table.row(transport);
        if (row.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "no " + transport + " row");
        }
        OptionalDouble bytes = row.get().get(Metric.ALLOC_NULL);
        if (bytes.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "allocation not measured");
        }
        return new Outcome(bytes.getAsDouble() < MAX_NULL_ALLOCATION ? Verdict.MET : Verdict.MISSED, target,
                String.format(Locale.ROOT, "%.0f B/call", bytes.getAsDouble()));
    }

    private static Outcome throughputGrows(RowResult result) {
        String target = String.format(Locale.ROOT, "%s calls/s grow from 1 to 2 client threads (>= %.1fx)",
                result.row().label(), MIN_GROWTH_1_TO_2);
        OptionalDouble one = result.get(Metric.CALLS_1_THREAD);
        OptionalDouble two = result.get(Metric.CALLS_2_THREADS);
        if (one.isEmpty() || two.isEmpty()) {
            return new Outcome(Verdict.NOT_MEASURED, target, "throughput missing");
        }
        double growth = two.getAsDouble() / one.getAsDouble();
        return new Outcome(growth >= MIN_GROWTH_1_TO_2 ? Verdict.MET : Verdict.MISSED, target,
                String.format(Locale.ROOT, "%.2fx (%s -> %s calls/s)", growth,
                        value(result, Metric.CALLS_1_THREAD), value(result, Metric.CALLS_2_THREADS)));
    }

    private static String value(RowResult result, Metric metric) {
        return ResultTable.format(metric, result.get(metric));
    }
}

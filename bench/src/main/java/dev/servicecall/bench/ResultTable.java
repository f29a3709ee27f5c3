package dev.servicecall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The one table of a run: a line per row, the measured columns, then each row's time relative to
 * the two baselines ({@code row median ÷ baseline median}: below 1 is faster than the baseline).
 * Renders as aligned text for the console and as Markdown. Immutable after construction.
 */
final class ResultTable {
    /** A ratio column: {@code metric} of the row divided by {@code metric} of {@code baseline}. */
    record Ratio(Metric metric, String baseline, String header) {
    }

    static final List<Ratio> RATIOS = List.of(
            new Ratio(Metric.NULL_P50, Row.NIO, "null ÷ NIO"),
            new Ratio(Metric.NULL_P50, Row.RMI, "null ÷ RMI"),
            new Ratio(Metric.LARGE_P50, Row.NIO, "1 MiB ÷ NIO"),
            new Ratio(Metric.LARGE_P50, Row.RMI, "1 MiB ÷ RMI"));

    private static final String MISSING = "—";

    private final List<RowResult> results;

    ResultTable(List<RowResult> results) {
        this.results = List.copyOf(results);
    }

    List<RowResult> results() {
        return results;
    }

    /** The result of the row labelled {@code label}, if it ran. */
    Optional<RowResult> row(String label) {
        return results.stream().filter(result -> result.row().label().equals(label)).findFirst();
    }

    /** {@code metric} of {@code result} divided by the same of {@code baseline}, when both exist. */
    OptionalDouble ratio(RowResult result, Metric metric, String baseline) {
        OptionalDouble mine = result.get(metric);
        OptionalDouble theirs = row(baseline).map(base -> base.get(metric)).orElse(OptionalDouble.empty());
        if (mine.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(mine.getAsDouble() / theirs.getAsDouble());
    }

    List<String> headers() {
        List<String> headers = new ArrayList<>();
        headers.add("row");
        headers.add("service");
        for (Metric metric : Metric.values()) {
            headers.add(metric.header());
        }
        for (Ratio ratio : RATIOS) {
            headers.add(ratio.header());
        }
        return headers;
    }

    List<List<String>> cells() {
        List<List<String>> lines = new ArrayList<>();
        for (RowResult result : results) {
            List<String> line = new ArrayList<>();
            line.add(result.row().label());
            line.add(result.row().serviceLocation());
            for (Metric metric : Metric.values()) {
                line.add(format(metric, result.get(metric)));
            }
            for (Ratio ratio : RATIOS) {
                OptionalDouble value = ratio(result, ratio.metric(), ratio.baseline());
                line.add(value.isPresent() ? String.format(Locale.ROOT, "%.2fx", value.getAsDouble()) : MISSING);
            }
            lines.add(line);
        }
        return lines;
    }

    /** A value as the table shows it: latencies with 3 significant digits, counts as integers. */
    static String format(Metric metric, OptionalDouble value) {
        if (value.isEmpty()) {
            return MISSING;
        }
        double v = value.getAsDouble();
        switch (metric) {
            case CALLS_1_THREAD:
            case CALLS_2_THREADS:
            case CALLS_4_THREADS:
            case CALLS_8_THREADS:
            case ALLOC_NULL:
            case ALLOC_SMALL:
            case ALLOC_LARGE:
                return String.format(Locale.ROOT, "%,d", Math.round(v));
            default:
                if (v >= 100) {
                    return String.format(Locale.ROOT, "%,d", Math.round(v));
                }
                return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
        }
    }

    /** The table as aligned text, numbers right-aligned. */
    String toText() {
        List<String> headers = headers();
        List<List<String>> cells = cells();
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> line : cells) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendText(text, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        text.append(rule).append('\n');
        for (List<String> line : cells) {
            appendText(text, line, widths);
        }
        return text.toString();
    }

    private static void appendText(StringBuilder text, List<String> line, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            String cell = line.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            text.append(c == 0 ? "" : " | ").append(c < 2 ? cell + pad : pad + cell);
        }
        text.append('\n');
    }

    /** The table in Markdown, numbers right-aligned. */
    String toMarkdown() {
        List<String> headers = headers();
        StringBuilder text = new StringBuilder();
        text.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int c = 0; c < headers.size(); c++) {
            text.append(c < 2 ? "---|" : "---:|");
        }
        text.append('\n');
        for (List<String> line : cells()) {
            text.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
        return text.toString();
    }
}

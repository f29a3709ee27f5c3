package dev.servicecall.bench;

import java.util.List;

/**
 * The whole outcome of a run, as printed on the console and written as Markdown: how and where it
 * ran, the table, why expected rows are absent, what failed, and the issue-5 targets.
 *
 * @param mode the mode of the run
 * @param command the command that produced it
 * @param machine the machine
 * @param startedAt when the run started (ISO-8601)
 * @param loadBefore the load averages when it started
 * @param loadAfter the load averages when it ended
 * @param minutes how long it took
 * @param table the table
 * @param notes why expected rows are absent
 */
record Report(BenchMode mode, String command, MachineInfo machine, String startedAt, String loadBefore,
        String loadAfter, double minutes, ResultTable table, List<String> notes) {

    static final String LEGEND = String.join("\n",
            "Latencies: JMH sample time, one client thread, microseconds per round trip (p50 = median);",
            "  each is the median over the JMH forks of that fork's percentile (calls/s likewise).",
            "calls/s: null calls per second summed over 1, 2, 4, 8 client threads (JMH throughput).",
            "B/call: bytes allocated in the client JVM per call (JMH gc profiler, gc.alloc.rate.norm); for a",
            "  'same process' row this includes the service side. ServiceCall parameters are built once",
            "  (they are immutable); the NIO client reuses its buffers; RMI allocates what it needs.",
            "x ÷ NIO, x ÷ RMI: this row's median divided by the baseline's, same run (below 1 = faster).",
            "Null call: two DWORDs in, a status out (NIO: a 48-byte request and a 32-byte reply, the",
            "  size of ServiceCall's CALL and REPLY frames).",
            "Echo: the buffer goes to the service, which flips the first 8 bytes of each 4 KiB page and",
            "  the last byte, and comes back (ServiceCall: one POINTER parameter, written back; NIO: N",
            "  bytes each way; RMI: echo(byte[]) -> byte[]).");

    /** The metrics whose per-fork figures are listed under the table. */
    static final List<Metric> SPREAD = List.of(Metric.NULL_P50, Metric.LARGE_P50, Metric.CALLS_1_THREAD,
            Metric.CALLS_2_THREADS);

    /**
     * One line per row with its per-fork figures, e.g. {@code jna: null p50 µs 12.6 / 12.7 / 34.0; ...};
     * empty when every benchmark ran in a single fork.
     */
    List<String> spread() {
        List<String> lines = new java.util.ArrayList<>();
        for (RowResult result : table.results()) {
            List<String> parts = new java.util.ArrayList<>();
            for (Metric metric : SPREAD) {
                List<Double> forks = result.forks(metric);
                if (forks.size() > 1) {
                    parts.add(metric.header() + " " + forks.stream()
                            .map(value -> ResultTable.format(metric, java.util.OptionalDouble.of(value)))
                            .collect(java.util.stream.Collectors.joining(" / ")));
                }
            }
            if (!parts.isEmpty()) {
                lines.add(result.row().label() + ": " + String.join("; ", parts));
            }
        }
        return lines;
    }

    /** All problems of all rows, prefixed by the row. */
    List<String> problems() {
        return table.results().stream()
                .flatMap(result -> result.problems().stream().map(problem -> result.row().label() + ": " + problem))
                .toList();
    }

    /** Whether every planned row ran without a problem. */
    boolean clean() {
        return problems().isEmpty();
    }

    /** The console form. */
    String toText() {
        StringBuilder text = new StringBuilder();
        text.append("\nServiceCall benchmark, ").append(mode.name()).append(" mode, ").append(startedAt)
                .append(String.format(java.util.Locale.ROOT, " (%.1f min)%n", minutes));
        text.append("machine: ").append(machine).append('\n');
        text.append("load average before/after: ").append(loadBefore).append(" / ").append(loadAfter).append("\n\n");
        text.append(table.toText()).append('\n');
        for (String note : notes) {
            text.append("note: ").append(note).append('\n');
        }
        for (String problem : problems()) {
            text.append("PROBLEM: ").append(problem).append('\n');
        }
        List<String> spread = spread();
        if (!spread.isEmpty()) {
            text.append("\nper-fork figures (the table shows their median):\n");
            for (String line : spread) {
                text.append("  ").append(line).append('\n');
            }
        }
        text.append("\nissue-5 targets (ratios within this run):\n");
        for (TargetCheck.Outcome outcome : TargetCheck.check(table)) {
            text.append("  ").append(outcome).append('\n');
        }
        text.append('\n').append(LEGEND).append('\n');
        return text.toString();
    }

    /** The Markdown form. */
    String toMarkdown() {
        StringBuilder text = new StringBuilder();
        text.append("# ServiceCall benchmark (").append(mode.name()).append(" mode)\n\n");
        text.append("- started: ").append(startedAt).append(String.format(java.util.Locale.ROOT, ", took %.1f min%n", minutes));
        text.append("- command: `").append(command).append("`\n");
        text.append("- machine: ").append(machine.processors()).append(" processors, ").append(machine.cpuModel()).append('\n');
        text.append("- JDK: ").append(machine.jdk()).append('\n');
        text.append("- OS: ").append(machine.os()).append('\n');
        text.append("- load average (1/5/15 min) before: ").append(loadBefore).append(", after: ").append(loadAfter)
                .append('\n');
        text.append(String.format(java.util.Locale.ROOT,
                "- JMH: latency %d fork(s), throughput %d fork(s); %d x %d s warm-up, %d x %d s measured%n",
                mode.latencyForks(), mode.throughputForks(), mode.warmupIterations(), mode.warmupSeconds(),
                mode.measurementIterations(), mode.measurementSeconds()));
        text.append('\n').append(table.toMarkdown()).append('\n');
        for (String note : notes) {
            text.append("- note: ").append(note).append('\n');
        }
        for (String problem : problems()) {
            text.append("- **problem**: ").append(problem).append('\n');
        }
        List<String> spread = spread();
        if (!spread.isEmpty()) {
            text.append("\nPer-fork figures (the table shows their median):\n\n");
            for (String line : spread) {
                text.append("- ").append(line).append('\n');
            }
        }
        text.append("\nIssue-5 targets (ratios within this run):\n\n");
        for (TargetCheck.Outcome outcome : TargetCheck.check(table)) {
            text.append("- **").append(outcome.verdictText().trim()).append("**: ").append(outcome.target())
                    .append(outcome.detail().isEmpty() ? "" : " — " + outcome.detail()).append('\n');
        }
        text.append("\n```\n").append(LEGEND).append("\n```\n");
        return text.toString();
    }
}

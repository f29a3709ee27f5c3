package dev.servicecall.bench;

import dev.servicecall.api.TransportSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark and prints one table: every ServiceCall transport on the class path against a
 * JDK NIO Unix-socket ping-pong and Java RMI on loopback, with the service of each row in a
 * process of its own (in the client's JVM for the in-memory transport, which cannot leave it).
 *
 * <pre>
 * java -cp ... dev.servicecall.bench.BenchMain [quick|full] [--rows nio,rmi,jna,...] [--out DIR] [--profile jfr|stack]
 * </pre>
 *
 * {@code --profile} adds a JMH profiler to every benchmark of the run: {@code jfr} leaves a flight
 * recording per benchmark, and one per service process, under {@code DIR/bench-logs/jfr}
 * (allocation and CPU samples, for {@code jfr print} or JDK Mission Control); {@code stack} prints
 * the hottest stacks into the JMH logs. Profiling changes the figures: compare only runs made the
 * same way.
 * Writes the table as Markdown to {@code DIR/bench-table.md} (default {@code bench/target}) and
 * the JMH and service logs beside it. Exits 0 when every row ran cleanly, 1 when a row failed
 * (the table still shows what was measured), 2 for bad arguments.
 */
public final class BenchMain {
    private BenchMain() {
    }

    /** Runs the benchmark; see the class doc. */
    public static void main(String[] args) throws Exception {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: BenchMain [quick|full] [--rows nio,rmi,inmemory,jna,jnr] [--out DIR]"
                    + " [--profile jfr|stack]");
            System.exit(2);
            return;
        }
        Report report = run(arguments);
        System.out.print(report.toText());
        Path markdown = arguments.out.resolve("bench-table.md");
        Files.createDirectories(arguments.out);
        Files.writeString(markdown, report.toMarkdown(), StandardCharsets.UTF_8);
        System.out.println("\nMarkdown table: " + markdown);
        System.exit(report.clean() ? 0 : 1);
    }

    static Report run(Arguments arguments) throws InterruptedException, IOException {
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        long startNanos = System.nanoTime();
        String loadBefore = MachineInfo.loadAverage();
        RowDiscovery.Plan plan = RowDiscovery.plan(TransportSelector.fromServiceLoader().providers(), arguments.rows);
        System.out.println("[bench] " + arguments.mode.name() + " mode; rows: "
                + plan.rows().stream().map(Row::label).toList() + "; about "
                + Math.round(plan.rows().size() * arguments.mode.secondsPerRow() / 60.0) + " min");
        for (String note : plan.notes()) {
            System.out.println("[bench] note: " + note);
        }
        RowRunner runner = new RowRunner(arguments.mode, arguments.out.resolve("bench-logs"), arguments.profile);
        List<RowResult> results = new ArrayList<>();
        try {
            for (Row row : plan.rows()) {
                results.add(runner.run(row));
            }
        } finally {
            runner.shutdown();
        }
        double minutes = (System.nanoTime() - startNanos) / 60e9;
        return new Report(arguments.mode, arguments.command(), MachineInfo.current(), started.toString(), loadBefore,
                MachineInfo.loadAverage(), minutes, new ResultTable(results), plan.notes());
    }

    /** The parsed command line. */
    static final class Arguments {
        BenchMode mode = BenchMode.QUICK;
        Set<String> rows = Set.of();
        Path out = Path.of("bench", "target");
        String profile = "";
        private final List<String> given = new ArrayList<>();

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            parsed.given.addAll(Arrays.asList(args));
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rows":
                        parsed.rows = new LinkedHashSet<>(Arrays.asList(value(args, ++i, "--rows").split(",")));
                        break;
                    case "--profile":
                        parsed.profile = value(args, ++i, "--profile");
                        if (!parsed.profile.equals("jfr") && !parsed.profile.equals("stack")) {
                            throw new IllegalArgumentException("--profile is jfr or stack, not '" + parsed.profile + "'");
                        }
                        break;
                    case "--out":
                        parsed.out = Path.of(value(args, ++i, "--out"));
                        break;
                    default:
                        parsed.mode = BenchMode.named(args[i]);
                        break;
                }
            }
            return parsed;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        /** The command as a user would type it. */
        String command() {
            List<String> shown = new ArrayList<>(given);
            shown.removeIf(argument -> argument.equals("quick") || argument.equals("full"));
            int out = shown.indexOf("--out");
            if (out >= 0 && out + 1 < shown.size() && shown.get(out + 1).equals("bench/target")) {
                shown.subList(out, out + 2).clear();
            }
            return ("./bench.sh " + mode.name() + " " + String.join(" ", shown)).trim();
        }
    }
}

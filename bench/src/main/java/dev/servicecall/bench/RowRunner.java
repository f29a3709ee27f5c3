package dev.servicecall.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

/**
 * Measures one row: starts its service process, runs the latency benchmarks (JMH sample time,
 * one client thread) and the null-call throughput with 1, 2, 4 and 8 client threads, all with the
 * gc profiler, then stops the service. Latency percentiles and throughput are taken per JMH fork
 * and the row keeps their median (see {@link RowResult#putForks}); allocation is JMH's figure
 * over all forks. A watchdog kills the service and the JMH forks when the
 * row runs far over its budget, so a hung transport cannot hang the run. JMH's own output goes to
 * a log file per run; failures are recorded in the row's result and the run goes on.
 *
 * <p>Not thread-safe: one row at a time.
 */
final class RowRunner {
    /** The secondary result of the gc profiler that is the bytes allocated per operation. */
    static final String ALLOC_PER_OP = "gc.alloc.rate.norm";
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final List<String> HEAP = List.of("-Xms1g", "-Xmx1g");

    private final BenchMode mode;
    private final Path logDirectory;
    private final String profiler;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-row-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param profiler an extra JMH profiler for every benchmark ({@code jfr} or {@code stack}), or empty
     */
    RowRunner(BenchMode mode, Path logDirectory, String profiler) {
        this.mode = mode;
        this.logDirectory = logDirectory;
        this.profiler = profiler;
    }

    /** Measures {@code row}; never throws for a failing row, the result says what went wrong. */
    RowResult run(Row row) throws InterruptedException {
        RowResult result = new RowResult(row);
        Path scratch = null;
        ServerProcess server = null;
        long budgetSeconds = 3L * mode.secondsPerRow() + 120;
        ScheduledFuture<?> alarm = null;
        try {
            Files.createDirectories(logDirectory);
            scratch = Files.createTempDirectory("scbench-");
            String namespace = "";
            if (row.kind() == RowTarget.Kind.SERVICECALL) {
                Path directory = scratch.resolve("ns");
                Files.createDirectory(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                namespace = directory.toString();
            } else if (row.kind() == RowTarget.Kind.SERVICECALL_IN_PROCESS) {
                namespace = "bench-" + ProcessHandle.current().pid();
            }
            if (row.hasServiceProcess()) {
                server = startServer(row, scratch, namespace);
            }
            RowTarget target = new RowTarget(row.kind(), server == null ? "" : server.endpoint(), row.transport(),
                    namespace);
            ServerProcess watched = server;
            alarm = watchdog.schedule(() -> overBudget(row, watched, budgetSeconds), budgetSeconds, TimeUnit.SECONDS);
            measureLatency(row, target, result);
            for (int threads : BenchMode.THREAD_COUNTS) {
                measureThroughput(row, target, threads, result);
            }
        } catch (IOException e) {
            result.problem("the service did not start: " + e.getMessage());
            System.out.println("[bench] " + row.label() + ": the service did not start: " + e.getMessage());
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
            if (server != null) {
                server.close();
            }
            deleteQuietly(scratch);
        }
        return result;
    }

    private ServerProcess startServer(Row row, Path scratch, String namespace) throws IOException, InterruptedException {
        List<String> jvm = new ArrayList<>(HEAP);
        jvm.addAll(nativeAccess());
        if (profiler.equals("jfr")) {
            Path recording = logDirectory.resolve("jfr").resolve("server-" + row.fileName() + ".jfr").toAbsolutePath();
            Files.createDirectories(recording.getParent());
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        List<String> arguments = new ArrayList<>();
        switch (row.kind()) {
            case NIO:
                arguments.add("nio");
                arguments.add(scratch.resolve("nio.sock").toString());
                break;
            case RMI:
                arguments.add("rmi");
                break;
            default:
                jvm.add("-D" + dev.servicecall.spi.TransportConfig.NAMESPACE + "=" + namespace);
                arguments.add("servicecall");
                arguments.add(row.transport());
                break;
        }
        ServerProcess server = ServerProcess.start(jvm, arguments, logDirectory.resolve("server-" + row.fileName() + ".log"),
                READY_TIMEOUT_SECONDS);
        System.out.println("[bench] " + row.label() + ": service process " + server.pid() + " ready");
        return server;
    }

    private void measureLatency(Row row, RowTarget target, RowResult result) {
        String what = "latency";
        ChainedOptionsBuilder options = common(row, target, what)
                .include(Pattern.quote(RoundTripBenchmark.class.getName()) + "\\.(nullCall|echo4KiB|echo1MiB)$")
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(mode.latencyForks())
                .threads(1);
        for (RunResult run : runJmh(row, what, options, result)) {
            String benchmark = run.getParams().getBenchmark();
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                SampleTimeResult samples = (SampleTimeResult) fork.getPrimaryResult();
                p50.add(samples.getStatistics().getPercentile(50));
                p99.add(samples.getStatistics().getPercentile(99));
            }
            double alloc = allocationPerOp(run);
            if (benchmark.endsWith(".nullCall")) {
                result.putForks(Metric.NULL_P50, p50).putForks(Metric.NULL_P99, p99).put(Metric.ALLOC_NULL, alloc);
            } else if (benchmark.endsWith(".echo4KiB")) {
                result.putForks(Metric.SMALL_P50, p50).putForks(Metric.SMALL_P99, p99).put(Metric.ALLOC_SMALL, alloc);
            } else if (benchmark.endsWith(".echo1MiB")) {
                result.putForks(Metric.LARGE_P50, p50).putForks(Metric.LARGE_P99, p99).put(Metric.ALLOC_LARGE, alloc);
            }
        }
    }

    private void measureThroughput(Row row, RowTarget target, int threads, RowResult result) {
        String what = "throughput-" + threads + "t";
        ChainedOptionsBuilder options = common(row, target, what)
                .include(Pattern.quote(RoundTripBenchmark.class.getName()) + "\\.nullCall$")
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .forks(mode.throughputForks())
                .threads(threads);
        for (RunResult run : runJmh(row, what, options, result)) {
            List<Double> perFork = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                perFork.add(fork.getPrimaryResult().getScore());
            }
            result.putForks(Metric.callsPerSecond(threads), perFork);
        }
    }

    private ChainedOptionsBuilder common(Row row, RowTarget target, String what) {
        List<String> jvm = new ArrayList<>(HEAP);
        jvm.addAll(nativeAccess());
        jvm.addAll(target.toJvmArguments());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .warmupIterations(mode.warmupIterations())
                .warmupTime(TimeValue.seconds(mode.warmupSeconds()))
                .measurementIterations(mode.measurementIterations())
                .measurementTime(TimeValue.seconds(mode.measurementSeconds()))
                .timeout(TimeValue.seconds(60))
                .jvmArgs(jvm.toArray(new String[0]))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .output(logFile(row, what).toString());
        if (profiler.equals("jfr")) {
            options.addProfiler("jfr", "configName=profile;dir="
                    + logDirectory.resolve("jfr").resolve(row.fileName() + "-" + what).toAbsolutePath());
        } else if (!profiler.isEmpty()) {
            options.addProfiler(profiler);
        }
        return options;
    }

    private Collection<RunResult> runJmh(Row row, String what, ChainedOptionsBuilder options, RowResult result) {
        long start = System.nanoTime();
        System.out.print("[bench] " + row.label() + ": " + what + " ... ");
        System.out.flush();
        try {
            Collection<RunResult> runs = new Runner(options.build()).run();
            System.out.println(seconds(start) + " s");
            return runs;
        } catch (RunnerException | RuntimeException e) {
            System.out.println("FAILED after " + seconds(start) + " s (" + e.getMessage() + ")");
            Path log = logFile(row, what);
            System.out.println(indentedTail(log));
            result.problem(what + " failed, see " + log);
            return List.of();
        }
    }

    private static double allocationPerOp(RunResult run) {
        Result alloc = run.getSecondaryResults().get(ALLOC_PER_OP);
        return alloc == null ? Double.NaN : alloc.getScore();
    }

    private void overBudget(Row row, ServerProcess server, long budgetSeconds) {
        System.out.println("\n[bench] " + row.label() + ": still running after " + budgetSeconds
                + " s; killing its service and benchmark processes");
        if (server != null) {
            server.kill();
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** On JDK 22+, JNA's native calls would print warnings without this; older JDKs do not need it. */
    static List<String> nativeAccess() {
        return Runtime.version().feature() >= 22 ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    private Path logFile(Row row, String what) {
        return logDirectory.resolve("jmh-" + row.fileName() + "-" + what + ".log");
    }

    private static long seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e9);
    }

    private static String indentedTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 25), lines.size());
            return "    " + String.join("\n    ", tail);
        } catch (IOException e) {
            return "    (no JMH log at " + log + ")";
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary directory is harmless.
        }
    }

    /** Stops the watchdog thread. */
    void shutdown() {
        watchdog.shutdownNow();
    }
}

package dev.servicecall.cli;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Status;
import dev.servicecall.protocol.NativeTransport;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code servicecall bench NAME}: calls a routine many times from one or more threads and prints
 * the round-trip latency distribution (percentiles, a histogram) and the calls per second.
 */
final class BenchCommand implements Command {
    static final String NAME = "bench";
    static final int DEFAULT_CALLS = 10_000;
    static final int DEFAULT_WARMUP = 1_000;
    static final int MAX_THREADS = 1_024;
    static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final int BAR_WIDTH = 40;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "round-trip latency of a routine: servicecall bench NAME [--calls N] [--threads T] [ARG...]";
    }

    @Override
    public String help() {
        return String.join("\n",
                "usage: servicecall bench NAME [ARG...] [--calls N] [--threads T] [--warmup N] [--timeout DURATION]",
                "                         [--transport NAME] [--namespace DIR]",
                "",
                "Calls NAME repeatedly and prints the round-trip latency (min, p50, p90, p99, p99.9, max and a",
                "histogram) and the calls per second. Each thread has buffers of its own. The routine really",
                "runs every time: bench only routines without side effects you mind.",
                "",
                "ARGs are as for `servicecall call` (see servicecall call --help). Without ARGs the routine's",
                "registered signature is read (DESCRIBE) and it is called with values 0, pointers of "
                        + ArgumentTemplates.BUFFER_SIZE + " zero bytes",
                "and null nullable pointers.",
                "",
                "options:",
                "  --calls N            measured calls in all (default " + DEFAULT_CALLS + ")",
                "  --threads T          calling threads sharing the calls (default 1)",
                "  --warmup N           calls before measuring, not counted (default " + DEFAULT_WARMUP + ")",
                "  --timeout DURATION   per call (default 30s; 0 = no limit)",
                "  --transport NAME     the transport (e.g. jna)",
                "  --namespace DIR      the name space directory (Windows: pipe-name prefix)",
                "",
                "exit code: 0 when every call reached the routine, 1 when any failed, 2 for a malformed",
                "command line.",
                "",
                "example:",
                "  servicecall bench ServerPlusInt --calls 20000 --threads 2",
                "");
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Options options = Options.parse(NAME, args, Set.of("--calls", "--threads", "--warmup", "--timeout"), Set.of());
        if (options.positional().isEmpty()) {
            throw new UsageException(NAME, "bench needs the routine's name, e.g. servicecall bench ServerPlusInt");
        }
        String routine = options.positional().get(0);
        List<String> words = options.positional().subList(1, options.positional().size());
        List<CallArgument> arguments = ArgumentParser.parseAll(NAME, words);
        int calls = count(options, "--calls", DEFAULT_CALLS, 1, Integer.MAX_VALUE);
        int threads = count(options, "--threads", 1, 1, MAX_THREADS);
        int warmup = count(options, "--warmup", DEFAULT_WARMUP, 0, Integer.MAX_VALUE);
        long timeout = options.value("--timeout").isPresent()
                ? Durations.parseNanos(NAME, "--timeout", options.value("--timeout").get()) : DEFAULT_TIMEOUT_NANOS;
        TransportChoice choice = TransportChoice.from(NAME, options);
        PrintStream out = console.out();

        if (words.isEmpty()) {
            List<String> template = template(choice, routine, timeout, console);
            if (template == null) {
                return ExitCodes.FAILED;
            }
            arguments = ArgumentParser.parseAll(NAME, template);
        }
        ServiceCallSession session;
        try {
            session = choice.openSession();
        } catch (ServiceCallException e) {
            console.err().println("servicecall bench: cannot open the transport: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (session) {
            CallOptions callOptions = timeout == 0 ? CallOptions.defaults() : CallOptions.timeout(Duration.ofNanos(timeout));
            out.println("bench " + routine + "(" + texts(arguments) + ") over " + session.transportName() + ": "
                    + calls + " calls on " + threads + (threads == 1 ? " thread" : " threads") + " after " + warmup
                    + " warm-up calls");
            Parameter[] warm = parameters(arguments);
            for (int i = 0; i < Math.max(1, warmup); i++) {
                try {
                    session.call(routine, callOptions, warm);
                } catch (ServiceCallException e) {
                    console.err().println("servicecall bench: the call failed: " + e.getMessage());
                    String hint = StatusHints.forCall(e.status());
                    if (hint != null) {
                        console.err().println("hint: " + hint);
                    }
                    return ExitCodes.FAILED;
                }
            }
            Run run = measure(session, routine, callOptions, arguments, calls, threads);
            report(out, run);
            if (!run.failures.isEmpty()) {
                console.err().println("servicecall bench: " + run.failed + " of " + calls + " calls failed; first: "
                        + run.firstFailure);
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.err().println("servicecall bench: interrupted");
            return ExitCodes.FAILED;
        }
    }

    private static int count(Options options, String option, int fallback, int min, int max) throws UsageException {
        if (options.value(option).isEmpty()) {
            return fallback;
        }
        String text = options.value(option).get();
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(NAME, option + " '" + text + "' must be a whole number in " + min + ".." + max);
    }

    /** Arguments made from the registered signature, or null (after saying why) when it cannot be read. */
    private static List<String> template(TransportChoice choice, String routine, long timeout, Console console)
            throws UsageException {
        try (NativeTransport transport = choice.openNative()) {
            byte[] signature = transport.describe(routine, timeout == 0 ? DEFAULT_TIMEOUT_NANOS : timeout).signature();
            List<String> words = ArgumentTemplates.forSignature(signature);
            console.out().println("arguments from the registered signature: " + (words.isEmpty() ? "(none)"
                    : String.join(" ", words)));
            return words;
        } catch (StatusException e) {
            console.err().println("servicecall bench: cannot read the signature of '" + routine + "': "
                    + NtStatus.describe(e.status()) + ": " + e.getMessage());
            String hint = e.status() == NtStatus.NOT_SUPPORTED
                    ? "give the arguments yourself, e.g. servicecall bench " + routine + " dword:1 dword:2 ptr:4"
                    : StatusHints.forCall(e.status());
            if (hint != null) {
                console.err().println("hint: " + hint);
            }
            return null;
        }
    }

    private static String texts(List<CallArgument> arguments) {
        List<String> texts = new ArrayList<>();
        for (CallArgument argument : arguments) {
            texts.add(argument.text());
        }
        return String.join(", ", texts);
    }

    private static Parameter[] parameters(List<CallArgument> arguments) {
        Parameter[] parameters = new Parameter[arguments.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = arguments.get(i).toParameter();
        }
        return parameters;
    }

    /** The outcome of the measured calls. */
    private static final class Run {
        final LatencyHistogram latencies = new LatencyHistogram();
        final Map<Integer, Long> failures = new TreeMap<>();
        long failed;
        String firstFailure;
        long wallNanos;
    }

    /** One calling thread's share. */
    private static final class Caller extends Thread {
        final LatencyHistogram latencies = new LatencyHistogram();
        final Map<Integer, Long> failures = new TreeMap<>();
        String firstFailure;
        private final ServiceCallSession session;
        private final String routine;
        private final CallOptions options;
        private final Parameter[] parameters;
        private final int calls;
        private final CountDownLatch start;

        Caller(int index, ServiceCallSession session, String routine, CallOptions options, Parameter[] parameters,
                int calls, CountDownLatch start) {
            super("servicecall-bench-" + index);
            setDaemon(true);
            this.session = session;
            this.routine = routine;
            this.options = options;
            this.parameters = parameters;
            this.calls = calls;
            this.start = start;
        }

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < calls; i++) {
                long before = System.nanoTime();
                try {
                    session.call(routine, options, parameters);
                    latencies.record(System.nanoTime() - before);
                } catch (ServiceCallException e) {
                    failures.merge(e.status(), 1L, Long::sum);
                    if (firstFailure == null) {
                        firstFailure = e.getMessage();
                    }
                }
            }
        }
    }

    private static Run measure(ServiceCallSession session, String routine, CallOptions options,
            List<CallArgument> arguments, int calls, int threads) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Caller> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = calls / threads + (t < calls % threads ? 1 : 0);
            Caller caller = new Caller(t, session, routine, options, parameters(arguments), share, start);
            callers.add(caller);
            caller.start();
        }
        long began = System.nanoTime();
        start.countDown();
        Run run = new Run();
        try {
            for (Caller caller : callers) {
                caller.join();
            }
        } finally {
            for (Caller caller : callers) {
                caller.interrupt();
            }
        }
        run.wallNanos = System.nanoTime() - began;
        for (Caller caller : callers) {
            run.latencies.add(caller.latencies);
            caller.failures.forEach((status, count) -> run.failures.merge(status, count, Long::sum));
            if (run.firstFailure == null) {
                run.firstFailure = caller.firstFailure;
            }
        }
        run.failed = run.failures.values().stream().mapToLong(Long::longValue).sum();
        return run;
    }

    private static void report(PrintStream out, Run run) {
        LatencyHistogram h = run.latencies;
        double seconds = run.wallNanos / 1e9;
        out.printf(Locale.ROOT, "  %d calls in %.3f s: %.0f calls/s%n", h.count() + run.failed, seconds,
                (h.count() + run.failed) / seconds);
        for (Map.Entry<Integer, Long> failure : run.failures.entrySet()) {
            out.println("  failed: " + failure.getValue() + " x " + Status.describe(failure.getKey()));
        }
        if (h.count() == 0) {
            return;
        }
        StringBuilder line = new StringBuilder("  latency  min " + Durations.latency(h.min()));
        for (double p : PERCENTILES) {
            line.append("  p").append(p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)).append(' ')
                    .append(Durations.latency(h.percentile(p)));
        }
        line.append("  max ").append(Durations.latency(h.max()));
        out.println(line);
        out.println("  mean " + Durations.latency(h.mean()));
        out.println("  histogram of round trips:");
        long[] byPower = h.powerOfTwoCounts();
        long most = 1;
        for (long count : byPower) {
            most = Math.max(most, count);
        }
        int first = h.firstPower();
        for (int i = 0; i < byPower.length; i++) {
            long low = first + i == 0 ? 0 : 1L << (first + i);
            long high = 1L << (first + i + 1);
            int bar = (int) Math.round((double) byPower[i] * BAR_WIDTH / most);
            out.printf(Locale.ROOT, "  %10s .. %-10s |%-" + BAR_WIDTH + "s| %9d %6.2f%%%n", Durations.latency(low),
                    Durations.latency(high), "#".repeat(bar), byPower[i], 100.0 * byPower[i] / h.count());
        }
    }
}

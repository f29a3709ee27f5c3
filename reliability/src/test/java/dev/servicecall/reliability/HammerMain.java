package dev.servicecall.reliability;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A client process whose threads call one routine as fast as they can, for the unregister-under-
 * load test, and check every outcome against {@link ChurnRoutine}'s marker.
 *
 * <p>Arguments: {@code --parent PID PROVIDER_CLASS [key=value ...]}. Prints {@code READY <pid>};
 * then {@code hammer NAME THREADS} starts the callers; {@code counts} answers
 * {@code COUNTS success=.. unsuccessful=.. invalid1=..}; {@code stop} stops them (each finishes
 * the call it is in) and answers {@code RESULT ...}, preceded by a {@code VIOLATION ...} or
 * {@code OTHER ...} line for each of the first 20 problems, or {@code HUNG <n>} when callers did
 * not finish within 30 s.
 *
 * <p>Checks: a returned call has service status {@link ChurnRoutine#STATUS} and a marker with
 * this call's tag and a generation not above its registration (else the result of a routine that
 * returned after its unregister had returned reached this caller); a failed call has
 * UNSUCCESSFUL or INVALID_PARAMETER_1 and an untouched buffer (nothing written back on failure).
 */
public final class HammerMain {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final byte UNTOUCHED = (byte) 0xEE;

    private final ServiceCallSession session;
    private final AtomicLong success = new AtomicLong();
    private final AtomicLong unsuccessful = new AtomicLong();
    private final AtomicLong invalid1 = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final List<Thread> callers = new ArrayList<>();
    private volatile boolean stopping;

    private HammerMain(ServiceCallSession session) {
        this.session = session;
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ProcessHandle.of(Long.parseLong(args[1])).ifPresentOrElse(
                process -> process.onExit().thenRun(() -> Runtime.getRuntime().halt(3)), () -> Runtime.getRuntime().halt(3));
        TransportProvider provider = (TransportProvider) Class.forName(args[2]).getConstructor().newInstance();
        try (ServiceCallSession session = ServiceCall.open(provider, Settings.parse(args, 3))) {
            HammerMain hammer = new HammerMain(session);
            out.println("READY " + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" +");
                switch (words[0]) {
                    case "hammer":
                        hammer.start(words[1], Integer.parseInt(words[2]));
                        out.println("OK");
                        break;
                    case "counts":
                        out.println("COUNTS " + hammer.counts());
                        break;
                    case "stop":
                        hammer.stop(out);
                        break;
                    default:
                        out.println("ERR unknown command " + words[0]);
                }
            }
        }
        System.exit(0);
    }

    private String counts() {
        return "success=" + success.get() + " unsuccessful=" + unsuccessful.get() + " invalid1=" + invalid1.get()
                + " other=" + other.get() + " violations=" + violations.get();
    }

    private void start(String name, int threads) {
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread caller = new Thread(() -> hammer(name, index), "hammer-" + t);
            callers.add(caller);
            caller.start();
        }
    }

    private void hammer(String name, int thread) {
        byte[] out = new byte[ChurnRoutine.MARKER_SIZE];
        ByteBuffer marker = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        CallOptions options = CallOptions.timeout(CALL_TIMEOUT);
        for (long call = 0; !stopping; call++) {
            long tag = (long) thread << 40 | call;
            Arrays.fill(out, UNTOUCHED);
            long start = System.nanoTime();
            try {
                int status = session.call(name, options, Parameter.qword(tag), Parameter.pointer(out));
                slowestNanos.accumulate(System.nanoTime() - start);
                if (status != ChurnRoutine.STATUS) {
                    problem(other, "OTHER service status " + NtStatus.describe(status));
                    continue;
                }
                success.incrementAndGet();
                long seenTag = marker.getLong(0);
                long sequence = marker.getLong(8);
                int registration = marker.getInt(16);
                int generation = marker.getInt(20);
                if (seenTag != tag || sequence <= 0) {
                    problem(violations, "VIOLATION call " + Long.toHexString(tag) + " got the marker of call "
                            + Long.toHexString(seenTag) + " (sequence " + sequence + ")");
                } else if (generation > registration) {
                    problem(violations, "VIOLATION call " + Long.toHexString(tag) + " got a result produced after "
                            + "registration " + registration + " had been unregistered (generation " + generation + ")");
                }
            } catch (ServiceCallException e) {
                slowestNanos.accumulate(System.nanoTime() - start);
                if (e.status() == NtStatus.UNSUCCESSFUL) {
                    unsuccessful.incrementAndGet();
                } else if (e.status() == NtStatus.INVALID_PARAMETER_1) {
                    invalid1.incrementAndGet();
                } else {
                    problem(other, "OTHER " + e.getMessage());
                    continue;
                }
                for (byte b : out) {
                    if (b != UNTOUCHED) {
                        problem(violations, "VIOLATION call " + Long.toHexString(tag) + " failed with "
                                + NtStatus.describe(e.status()) + " but its buffer was written: " + Arrays.toString(out));
                        break;
                    }
                }
            }
        }
    }

    private void problem(AtomicLong counter, String text) {
        counter.incrementAndGet();
        if (problems.size() < 20) {
            problems.add(text);
        }
    }

    private void stop(PrintStream out) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int hung = 0;
        for (Thread caller : callers) {
            caller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (caller.isAlive()) {
                hung++;
            }
        }
        problems.forEach(out::println);
        if (hung > 0) {
            out.println("HUNG " + hung);
        }
        long calls = success.get() + unsuccessful.get() + invalid1.get() + other.get();
        out.println("RESULT " + counts() + " calls=" + calls + " slowestMillis=" + slowestNanos.get() / 1_000_000);
    }
}

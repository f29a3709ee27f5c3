package dev.servicecall.reliability;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.Routine;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.fixture.Fixture;
import dev.servicecall.tck.fixture.FixtureControl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service process for the reliability tests, steered by lines on standard input; answers
 * {@code OK ...} or {@code ERR 0x<status> ...} on standard output.
 *
 * <p>Arguments: {@code --parent PID PROVIDER_CLASS [key=value ...]}. Prints {@code READY <pid>}
 * once initialized. Exits at {@code exit}, at the end of input, or as soon as the parent process
 * ends, so that it never outlives its test.
 *
 * <p>Commands:
 * <ul>
 *   <li>{@code register NAME ROUTINE}: {@code HOLD} and {@code PLUS} are the compatibility kit's
 *       fixtures ({@link Fixture}); {@code NULL} takes no parameter and returns 0; {@code STAMP}
 *       {@code (QWORD seq, POINTER buf)} writes {@code seq} into the first 8 bytes of {@code buf}
 *       and {@code ~seq} into the last 8 (when it has 16 or more) and returns {@code (int) seq};</li>
 *   <li>{@code unregister NAME}; {@code release NAME} (lets held calls of {@code NAME} return);</li>
 *   <li>{@code await-entered NAME COUNT MILLIS};</li>
 *   <li>{@code stats}: collects garbage, then answers {@code OK heap=<bytes used> threads=<n>}.</li>
 * </ul>
 */
public final class ServiceMain {
    private final ServiceCallSession session;
    private final FixtureControl control = new FixtureControl();
    private final Map<String, ServiceRegistration> registrations = new ConcurrentHashMap<>();

    private ServiceMain(ServiceCallSession session) {
        this.session = session;
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long parent = Long.parseLong(args[1]);
        ProcessHandle.of(parent).ifPresentOrElse(process -> process.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
                () -> Runtime.getRuntime().halt(3));
        TransportProvider provider = (TransportProvider) Class.forName(args[2]).getConstructor().newInstance();
        TransportConfig config = Settings.parse(args, 3);
        try (ServiceCallSession session = ServiceCall.open(provider, config)) {
            session.initialize();
            ServiceMain service = new ServiceMain(session);
            out.println("READY " + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
                out.println(service.obey(line.trim().split(" +")));
            }
            service.control.releaseAll();
        }
        System.exit(0);
    }

    private String obey(String[] words) {
        try {
            switch (words[0]) {
                case "register":
                    registrations.put(words[1], register(words[1], words[2]));
                    return "OK";
                case "unregister":
                    session.unregister(registrations.remove(words[1]));
                    return "OK";
                case "release":
                    control.release(words[1]);
                    return "OK";
                case "await-entered":
                    return control.awaitEntered(words[1], Integer.parseInt(words[2]), Duration.ofMillis(Long.parseLong(words[3])))
                            ? "OK" : "ERR " + NtStatus.hex(NtStatus.IO_TIMEOUT) + " entered=" + control.enteredCount(words[1]);
                case "stats":
                    return "OK heap=" + heapAfterGc() + " threads=" + ProcessResources.threads(ProcessHandle.current().pid());
                default:
                    return "ERR " + NtStatus.hex(NtStatus.INVALID_PARAMETER) + " unknown command " + words[0];
            }
        } catch (ServiceCallException e) {
            return "ERR " + NtStatus.hex(e.status()) + " " + e.getMessage();
        } catch (RuntimeException | InterruptedException e) {
            return "ERR " + NtStatus.hex(NtStatus.INVALID_PARAMETER) + " " + e;
        }
    }

    private ServiceRegistration register(String name, String routine) throws ServiceCallException {
        switch (routine) {
            case "HOLD":
                return session.register(name, Fixture.HOLD.signature(), Fixture.HOLD.routine(control));
            case "PLUS":
                return session.register(name, Fixture.PLUS.signature(), Fixture.PLUS.routine(control));
            case "NULL":
                return session.register(name, Signature.of(), call -> 0);
            case "STAMP":
                return session.register(name, Stamp.SIGNATURE, Stamp.ROUTINE);
            default:
                throw new IllegalArgumentException("no routine " + routine);
        }
    }

    /** Heap in use after full collections (serial GC: a full, stop-the-world collection each). */
    static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The {@code STAMP} routine, shared with the tests that check its output. */
    static final class Stamp {
        static final Signature SIGNATURE = Signature.of(ParameterMask.QWORD, ParameterMask.POINTER);
        static final Routine ROUTINE = call -> {
            long seq = call.qword(0);
            ByteBuffer buffer = call.buffer(1);
            if (buffer.capacity() >= 8) {
                buffer.putLong(0, seq);
            }
            if (buffer.capacity() >= 16) {
                buffer.putLong(buffer.capacity() - 8, ~seq);
            }
            return (int) seq;
        };

        private Stamp() {
        }
    }
}

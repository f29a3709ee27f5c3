package dev.servicecall.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.reliability.NativeTransports.NativeTransport;
import dev.servicecall.reliability.ProcessResources.Snapshot;
import dev.servicecall.spi.TransportConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 5: "If a client dies mid-call, the service finishes or abandons the call and frees
 * everything it held for it." The service keeps serving others.
 *
 * <p>{@value #TRIALS} trials against one service process (a child JVM). In each, the service
 * registers a fresh routine that holds its calls, and its descriptors and threads are recorded
 * (the baseline); a client process (a child JVM, started while the previous trial runs) calls it
 * and is killed with SIGKILL:
 * <ul>
 *   <li>even trials: while the call waits inside the routine (the service has one more descriptor
 *       and one more thread, which checks that the count can see the call); the routine is then
 *       released, returns, and its reply finds a dead peer;</li>
 *   <li>odd trials: as soon as the service accepted the client's connection, while the client
 *       sends a {@value #LARGE_REQUEST}-byte request (the service then reads a frame that never
 *       ends).</li>
 * </ul>
 * Then the service's open descriptors ({@code /proc/<pid>/fd}) and threads must return to the
 * baseline within {@value #CLEANUP_BOUND_MILLIS} ms, and a call from this JVM must be served.
 * After each trial, its routine unregistered, the service holds exactly what it held before the
 * first, so nothing accumulates across trials.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClientDeathTest {
    static final int TRIALS = 50;
    static final int LARGE_REQUEST = 32 << 20;
    static final long CLEANUP_BOUND_MILLIS = 5_000;
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void clientKilledDuringCall_serviceFreesItsDescriptorsAndThreads_andKeepsServing(NativeTransport transport)
            throws Exception {
        transport.assumeAvailable();
        assumeTrue(ProcessResources.supported(), "needs /proc to count a process's descriptors and threads");
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, workDir.resolve("ns").toString());
        long started = System.nanoTime();
        List<Duration> cleanups = new ArrayList<>();
        int killedInRoutine = 0;
        int killedBeforeRoutine = 0;
        ExecutorService starter = Executors.newSingleThreadExecutor();
        List<Future<ChildJvm>> clients = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.start(transport, config, workDir);
                ServiceCallSession session = ServiceCall.open(transport.provider(), config)) {
            service.register("Plus", "PLUS");
            assertPlusServed(session, -1);
            Snapshot initial = ProcessResources.of(service.pid());
            clients.add(starter.submit(() -> startClient(transport, config)));
            for (int trial = 0; trial < TRIALS; trial++) {
                ChildJvm client = clients.get(trial).get(90, TimeUnit.SECONDS);
                if (trial + 1 < TRIALS) {
                    clients.add(starter.submit(() -> startClient(transport, config)));
                }
                String name = "Hold-" + trial;
                service.register(name, "HOLD");
                Snapshot baseline = ProcessResources.of(service.pid());
                long kill;
                if (trial % 2 == 0) {
                    client.send("call " + name + " 4096");
                    service.awaitEntered(name, 1, BOUND);
                    Snapshot during = ProcessResources.of(service.pid());
                    assertTrue(during.fileDescriptors() > baseline.fileDescriptors() && during.threads() > baseline.threads(),
                            "trial " + trial + ": the count sees the call in flight: " + during + " vs baseline " + baseline);
                    kill = System.nanoTime();
                    client.kill();
                    service.command("release " + name);
                } else {
                    client.send("call " + name + " " + LARGE_REQUEST);
                    awaitMoreDescriptors(service.pid(), baseline, trial);
                    kill = System.nanoTime();
                    client.kill();
                    service.command("release " + name);
                }
                ProcessResources.awaitBaseline(service.pid(), baseline, Duration.ofMillis(CLEANUP_BOUND_MILLIS),
                        "trial " + trial + " (client killed)");
                cleanups.add(Duration.ofNanos(System.nanoTime() - kill));
                if (enteredAlready(service, name)) {
                    killedInRoutine++;
                } else {
                    killedBeforeRoutine++;
                }
                assertPlusServed(session, trial);
                service.command("unregister " + name);
                client.close();
                // the listener of the unregistered routine ends on its own thread: wait for it, so
                // that the next trial's baseline is exact (and nothing accumulates across trials)
                ProcessResources.awaitBaseline(service.pid(), initial, Duration.ofMillis(CLEANUP_BOUND_MILLIS),
                        "trial " + trial + ", its routine unregistered");
            }
            new Figures("client-death", transport.name())
                    .put("trials", TRIALS + " (" + killedInRoutine + " killed while the routine held the call, "
                            + killedBeforeRoutine + " killed before the routine ran, most while sending "
                            + (LARGE_REQUEST >> 20) + " MiB)")
                    .put("service resources before the trials", initial)
                    .put("service resources after the trials", ProcessResources.of(service.pid()))
                    .put("time from SIGKILL to the service back at its baseline", Figures.medianAndMax(cleanups))
                    .put("test duration", Duration.ofNanos(System.nanoTime() - started))
                    .publish();
        } finally {
            starter.shutdownNow();
            for (Future<ChildJvm> client : clients) {
                try {
                    client.get(90, TimeUnit.SECONDS).close();
                } catch (Exception e) {
                    client.cancel(true);
                }
            }
        }
    }

    private ChildJvm startClient(NativeTransport transport, TransportConfig config) throws Exception {
        ChildJvm client = new ChildJvm.Spec(ClientMain.class)
                .args("--parent", Long.toString(ProcessHandle.current().pid()), transport.providerClass())
                .args(Settings.asArguments(config))
                .start(workDir.resolve("client-" + CLIENTS.incrementAndGet() + ".log"));
        client.awaitLine("READY", Duration.ofSeconds(60));
        return client;
    }

    /** Waits until the service holds more descriptors than {@code baseline}: it accepted the client's connection. */
    private static void awaitMoreDescriptors(long pid, Snapshot baseline, int trial) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (ProcessResources.fileDescriptors(pid) <= baseline.fileDescriptors()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("trial " + trial + ": the service never accepted the client's connection");
            }
            Thread.sleep(0, 200_000);
        }
    }

    private static boolean enteredAlready(ServiceProcess service, String name) throws Exception {
        try {
            service.awaitEntered(name, 1, Duration.ZERO);
            return true;
        } catch (AssertionError notEntered) {
            return false;
        }
    }

    private static void assertPlusServed(ServiceCallSession session, int trial) throws Exception {
        ByteBuffer sum = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, session.call("Plus", Parameter.dword(trial), Parameter.dword(1000), Parameter.pointer(sum)));
        assertEquals(trial + 1000, sum.getInt(0), "the service keeps serving other clients (trial " + trial + ")");
    }
}

package dev.servicecall.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicecall.api.CallOptions;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resource soak: {@code servicecall.soak.calls} calls (100,000 in {@code mvn verify};
 * {@code ./soak.sh} runs 1,000,000) from {@value #THREADS} client threads in this JVM, each with
 * its own session, to a service process (a child JVM); each thread alternates a null call (a
 * routine without parameters) and a call with a 64 KiB buffer whose result is checked (status
 * and stamps at both ends of the buffer). Before and after, once a warm-up has opened every
 * connection and loaded every class, the open descriptors and threads of both processes are
 * counted ({@code /proc}) and their heap in use is measured after full garbage collection:
 * descriptors must be exactly the same; the service's threads too, and the client (this JVM,
 * which also runs the test framework) may have no thread that was not there before; the heap may
 * not grow by more than {@value #HEAP_GROWTH_BOUND} bytes (about 4 bytes per call over a million
 * calls).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ResourceSoakTest {
    static final int THREADS = 4;
    static final int BUFFER = 64 << 10;
    static final long HEAP_GROWTH_BOUND = 4 << 20;
    private static final CallOptions DEADLINE = CallOptions.timeout(Duration.ofSeconds(30));

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void millionsOfMixedCalls_noGrowthInDescriptorsThreadsOrHeap(NativeTransport transport) throws Exception {
        transport.assumeAvailable();
        assumeTrue(ProcessResources.supported(), "needs /proc to count a process's descriptors and threads");
        long calls = Long.getLong("servicecall.soak.calls", 20_000);
        long warmUp = Math.max(4_000, calls / 50);
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, workDir.resolve("ns").toString());
        long self = ProcessHandle.current().pid();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<ServiceCallSession> sessions = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.start(transport, config, workDir)) {
            service.register("Null", "NULL");
            service.register("Stamp", "STAMP");
            for (int i = 0; i < THREADS; i++) {
                sessions.add(ServiceCall.open(transport.provider(), config));
            }
            run(threads, sessions, warmUp, 0);
            // the measuring itself opens things on first use (NIO's pre-close socket pair when
            // /proc is first read, the management beans): measure once before the baseline
            ServiceMain.heapAfterGc();
            ProcessResources.of(self);
            service.heapAfterGc();

            long clientHeapBefore = ServiceMain.heapAfterGc();
            Snapshot clientBefore = ProcessResources.of(self);
            List<String> clientDescriptorsBefore = ProcessResources.describeFileDescriptors(self);
            Set<Thread> clientThreadsBefore = Thread.getAllStackTraces().keySet();
            long serviceHeapBefore = service.heapAfterGc();
            Snapshot serviceBefore = ProcessResources.of(service.pid());

            long start = System.nanoTime();
            run(threads, sessions, calls, warmUp);
            Duration duration = Duration.ofNanos(System.nanoTime() - start);

            long clientHeapAfter = ServiceMain.heapAfterGc();
            long serviceHeapAfter = service.heapAfterGc();
            Snapshot clientAfter = ProcessResources.of(self);
            Snapshot serviceAfter = ProcessResources.of(service.pid());
            new Figures("soak", transport.name())
                    .put("calls", calls + " (" + THREADS + " client threads, each alternating a null call and a "
                            + (BUFFER >> 10) + " KiB buffer), after " + warmUp + " warm-up calls")
                    .put("duration", duration)
                    .put("throughput", String.format("%.0f calls/s", calls / (duration.toNanos() / 1e9)))
                    .put("client descriptors and threads, before -> after", clientBefore + " -> " + clientAfter)
                    .put("client heap after GC, before -> after", kib(clientHeapBefore) + " -> " + kib(clientHeapAfter))
                    .put("service descriptors and threads, before -> after", serviceBefore + " -> " + serviceAfter)
                    .put("service heap after GC, before -> after", kib(serviceHeapBefore) + " -> " + kib(serviceHeapAfter))
                    .publish();
            assertEquals(clientBefore.fileDescriptors(), clientAfter.fileDescriptors(), "the client's descriptors do not "
                    + "grow; before " + clientDescriptorsBefore + ", after " + ProcessResources.describeFileDescriptors(self));
            // this JVM also runs the test framework, whose idle threads (e.g. the JDK's process
            // reapers of earlier tests' children) may end meanwhile: no thread may be new
            Set<Thread> newThreads = new HashSet<>(Thread.getAllStackTraces().keySet());
            newThreads.removeAll(clientThreadsBefore);
            assertEquals(Set.of(), newThreads, "the client started no thread that outlived the calls");
            assertTrue(clientAfter.threads() <= clientBefore.threads(), "the client's threads do not grow");
            assertEquals(serviceBefore, serviceAfter, "the service's descriptors and threads do not grow"
                    + "; its descriptors: " + ProcessResources.describeFileDescriptors(service.pid()));
            assertTrue(clientHeapAfter - clientHeapBefore <= HEAP_GROWTH_BOUND, "the client's retained heap grew by "
                    + (clientHeapAfter - clientHeapBefore) + " bytes");
            assertTrue(serviceHeapAfter - serviceHeapBefore <= HEAP_GROWTH_BOUND, "the service's retained heap grew by "
                    + (serviceHeapAfter - serviceHeapBefore) + " bytes");
        } finally {
            threads.shutdownNow();
            sessions.forEach(ServiceCallSession::close);
        }
    }

    /** Makes {@code calls} calls spread over the threads, sequence numbers from {@code firstSeq}. */
    private static void run(ExecutorService threads, List<ServiceCallSession> sessions, long calls, long firstSeq)
            throws Exception {
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            ServiceCallSession session = sessions.get(t);
            long from = firstSeq + t * (calls / THREADS);
            long count = calls / THREADS + (t == THREADS - 1 ? calls % THREADS : 0);
            work.add(threads.submit(() -> {
                callMany(session, from, count);
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(30, TimeUnit.MINUTES);
        }
    }

    private static void callMany(ServiceCallSession session, long from, long count) throws Exception {
        byte[] buffer = new byte[BUFFER];
        ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        Parameter pointer = Parameter.pointer(buffer);
        for (long seq = from; seq < from + count; seq++) {
            if ((seq & 1) == 0) {
                assertEquals(0, session.call("Null", DEADLINE));
                continue;
            }
            int status = session.call("Stamp", DEADLINE, Parameter.qword(seq), pointer);
            if (status != (int) seq || view.getLong(0) != seq || view.getLong(BUFFER - 8) != ~seq) {
                throw new AssertionError("call " + seq + ": status " + status + ", stamps " + view.getLong(0) + " and "
                        + view.getLong(BUFFER - 8));
            }
        }
    }

    private static String kib(long bytes) {
        return (bytes >> 10) + " KiB";
    }
}

package dev.servicecall.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.reliability.NativeTransports.NativeTransport;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.Fixture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 5: "If the service process dies, calls in flight get UNSUCCESSFUL promptly and the
 * name becomes free; no stale file or lock blocks the next registration."
 *
 * <p>{@value #TRIALS} trials. In each, a service process (a child JVM) registers a routine that
 * holds its calls; {@value #CALLERS} callers in this JVM call it and wait inside it; the service
 * process is killed with SIGKILL. Every caller must fail with UNSUCCESSFUL within
 * {@value #DETECTION_BOUND_MILLIS} ms of the kill, with nothing written to its buffer; then this
 * JVM registers the same name at once (first attempt, no retry: the dead holder's socket file and
 * lock must not block it) and serves a call under it. The next service process is started while a
 * trial runs, so JVM start-up overlaps the work.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServiceDeathTest {
    static final int TRIALS = 50;
    static final int CALLERS = 3;
    static final long DETECTION_BOUND_MILLIS = 2_000;
    private static final Duration HANG_BOUND = Duration.ofSeconds(10);
    private static final String NAME = "Held";

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void serviceKilledDuringCalls_callersGetUnsuccessfulWithin2s_nameReRegistrableAtOnce(NativeTransport transport)
            throws Exception {
        transport.assumeAvailable();
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, workDir.resolve("ns").toString());
        List<Duration> detections = new ArrayList<>();
        List<Duration> reRegistrations = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        List<Future<ServiceProcess>> services = new ArrayList<>();
        try (ServiceCallSession session = ServiceCall.open(transport.provider(), config)) {
            session.initialize();
            services.add(starter.submit(() -> ServiceProcess.start(transport, config, workDir)));
            for (int trial = 0; trial < TRIALS; trial++) {
                ServiceProcess service = services.get(trial).get(90, TimeUnit.SECONDS);
                if (trial + 1 < TRIALS) {
                    services.add(starter.submit(() -> ServiceProcess.start(transport, config, workDir)));
                }
                Trial outcome = runTrial(trial, session, service, callers);
                detections.add(outcome.slowestDetection);
                reRegistrations.add(outcome.reRegistration);
            }
        } finally {
            starter.shutdownNow();
            callers.shutdownNow();
            for (Future<ServiceProcess> service : services) {
                closeQuietly(service);
            }
        }
        new Figures("service-death", transport.name())
                .put("trials", TRIALS + " (" + CALLERS + " callers in flight in each)")
                .put("time from SIGKILL to the slowest caller's UNSUCCESSFUL", Figures.medianAndMax(detections))
                .put("time from SIGKILL to the name registered again (first attempt)", Figures.medianAndMax(reRegistrations))
                .put("test duration", Duration.ofNanos(System.nanoTime() - started))
                .publish();
    }

    private record Trial(Duration slowestDetection, Duration reRegistration) {
    }

    private static Trial runTrial(int trial, ServiceCallSession session, ServiceProcess service, ExecutorService callers)
            throws Exception {
        service.register(NAME, "HOLD");
        byte[][] buffers = new byte[CALLERS][];
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            byte[] buffer = new byte[64];
            Arrays.fill(buffer, (byte) (0x20 + i));
            buffers[i] = buffer;
            calls.add(callers.submit(() -> failureTime(session, buffer)));
        }
        service.awaitEntered(NAME, CALLERS, HANG_BOUND);

        long kill = System.nanoTime();
        service.process().destroyForcibly();
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < CALLERS; i++) {
            long failedAt;
            try {
                failedAt = calls.get(i).get(HANG_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("trial " + trial + ": caller " + i + " still waits " + HANG_BOUND.toSeconds()
                        + " s after the service process was killed");
            }
            Duration detection = Duration.ofNanos(failedAt - kill);
            assertTrue(detection.toMillis() <= DETECTION_BOUND_MILLIS, "trial " + trial + ": caller " + i
                    + " learnt of the death after " + Figures.millis(detection));
            slowest = detection.compareTo(slowest) > 0 ? detection : slowest;
            byte[] untouched = new byte[64];
            Arrays.fill(untouched, (byte) (0x20 + i));
            assertArrayEquals(untouched, buffers[i], "trial " + trial + ": nothing written back to caller " + i);
        }
        assertTrue(service.process().waitFor(HANG_BOUND.toMillis(), TimeUnit.MILLISECONDS), "the killed process is gone");

        ServiceRegistration again;
        try {
            again = session.register(NAME, Fixture.PLUS.signature(), call -> {
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
        } catch (ServiceCallException e) {
            throw new AssertionError("trial " + trial + ": the name of the killed service cannot be registered at once: "
                    + e.getMessage(), e);
        }
        Duration reRegistration = Duration.ofNanos(System.nanoTime() - kill);
        ByteBuffer sum = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, session.call(NAME, Parameter.dword(trial), Parameter.dword(1), Parameter.pointer(sum)));
        assertEquals(trial + 1, sum.getInt(0), "the new registration serves calls");
        session.unregister(again);
        service.close();
        return new Trial(slowest, reRegistration);
    }

    /** Calls the held routine and returns when it failed; anything but UNSUCCESSFUL fails the test. */
    private static long failureTime(ServiceCallSession session, byte[] buffer) {
        try {
            int status = session.call(NAME, Parameter.pointer(buffer));
            return fail("the call returned service status " + NtStatus.describe(status) + " although its service was killed");
        } catch (ServiceCallException e) {
            long at = System.nanoTime();
            assertEquals(NtStatus.UNSUCCESSFUL, e.status(), e.getMessage());
            return at;
        }
    }

    private static void closeQuietly(Future<ServiceProcess> service) {
        try {
            service.get(90, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            service.cancel(true);
        }
    }
}

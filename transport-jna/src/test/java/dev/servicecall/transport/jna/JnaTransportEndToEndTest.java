package dev.servicecall.transport.jna;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The JNA transport through the public API, in this process and against a service process. */
@EnabledOnOs(OS.LINUX)
@Timeout(90)
class JnaTransportEndToEndTest {
    private static final Duration CHILD_START = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private TransportConfig config;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void config() {
        config = TransportConfig.empty().with(TransportConfig.NAMESPACE, temp.resolve("ns").toString());
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static int plus(ServiceCallSession caller, int a, int b) throws ServiceCallException {
        byte[] sum = new byte[4];
        assertEquals(0, caller.call("ServerPlusInt", dword(a), dword(b), pointer(sum)));
        return ByteBuffer.wrap(sum).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static void assertStatus(int expected, ServiceCallException e) {
        assertEquals(NtStatus.describe(expected), NtStatus.describe(e.status()), e.getMessage());
    }

    @Test
    void twoSessionsInThisProcess_callReachesTheRoutine_withOurPidAndUid() throws Exception {
        try (ServiceCallSession host = ServiceCall.open(new JnaTransportProvider(), config);
             ServiceCallSession caller = ServiceCall.open(new JnaTransportProvider(), config)) {
            host.initialize();
            AtomicReference<ClientId> seen = new AtomicReference<>();
            ServiceRegistration registration = host.register("ServerPlusInt", JnaServiceChild.PLUS, call -> {
                seen.set(ClientId.current().orElseThrow());
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            assertEquals(2, plus(caller, 1, 1));
            assertEquals(41, plus(caller, 40, 1)); // the pooled connection again
            assertEquals(ProcessHandle.current().pid(), seen.get().pid());
            assertTrue(seen.get().uid().isPresent(), "SO_PEERCRED gives the uid");

            caller.initialize();
            ServiceCallException taken = assertThrows(ServiceCallException.class,
                    () -> caller.register("ServerPlusInt", JnaServiceChild.PLUS, call -> 0));
            assertStatus(NtStatus.OBJECT_NAME_EXISTS, taken);

            host.unregister(registration);
            assertStatus(NtStatus.INVALID_PARAMETER_1, assertThrows(ServiceCallException.class, () -> plus(caller, 1, 1)));
        }
    }

    @Test
    void serviceProcessKilledDuringACall_callerGetsUnsuccessfulWithin2s_andTheNameIsFreeAgain() throws Exception {
        try (ServiceCallSession caller = ServiceCall.open(new JnaTransportProvider(), config)) {
            try (ChildJvm service = ChildJvm.start(JnaServiceChild.class, temp.resolve("ns").toString())) {
                assertEquals(String.valueOf(service.pid()), service.awaitLine("READY", CHILD_START));
                assertEquals(5, plus(caller, 2, 3));

                Future<Integer> inFlight = threads.submit(() -> caller.call("Block", dword(7), pointer(new byte[16])));
                assertEquals(String.valueOf(ProcessHandle.current().pid()), service.awaitLine("ENTERED", CHILD_START),
                        "the service saw our pid as the caller");

                long killedAt = System.nanoTime();
                service.process().destroyForcibly(); // SIGKILL
                ExecutionException failure = assertThrows(ExecutionException.class, () -> inFlight.get(2, TimeUnit.SECONDS),
                        "the call in flight did not end within 2 s of SIGKILL");
                long elapsed = System.nanoTime() - killedAt;
                assertTrue(failure.getCause() instanceof ServiceCallException, String.valueOf(failure.getCause()));
                assertStatus(NtStatus.UNSUCCESSFUL, (ServiceCallException) failure.getCause());
                assertTrue(elapsed < TimeUnit.SECONDS.toNanos(2), "took " + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
                service.kill();
            }

            // the dead service's socket and lock files must not block the name
            try (ServiceCallSession host = ServiceCall.open(new JnaTransportProvider(), config)) {
                host.initialize();
                host.register("ServerPlusInt", JnaServiceChild.PLUS, call -> {
                    call.buffer(2).putInt(0, call.dword(0) + call.dword(1) + 100);
                    return 0;
                });
                assertEquals(102, plus(caller, 1, 1), "the caller reaches the new service, not a stale connection");
            }
        }
    }
}

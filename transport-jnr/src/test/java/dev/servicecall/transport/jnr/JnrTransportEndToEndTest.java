package dev.servicecall.transport.jnr;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.servicecall.transport.jnr.testing.ChildJvm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
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

/** The JNR transport through the public API, within this process and against a service process. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class JnrTransportEndToEndTest {
    private static final long CHILD_START_SECONDS = 60;

    @TempDir
    Path temp;

    private Path namespace;
    private TransportConfig config;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void config() {
        namespace = temp.resolve("ns");
        config = TransportConfig.empty().with(TransportConfig.NAMESPACE, namespace.toString());
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "test threads did not stop");
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
    void inProcess_register_call_identity_exclusivity_unregister() throws Exception {
        try (ServiceCallSession host = ServiceCall.open(new JnrTransportProvider(), config);
                ServiceCallSession caller = ServiceCall.open(new JnrTransportProvider(), config)) {
            assertEquals("jnr", host.transportName());
            host.initialize();
            AtomicReference<ClientId> seen = new AtomicReference<>();
            ServiceRegistration registration = host.register("ServerPlusInt", JnrServiceChild.PLUS, call -> {
                seen.set(ClientId.current().orElseThrow());
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            assertTrue(Files.exists(namespace.resolve("ServerPlusInt.sock")));
            assertEquals(2, plus(caller, 1, 1));
            assertEquals(41, plus(caller, 40, 1));
            assertEquals(ProcessHandle.current().pid(), seen.get().pid());
            assertEquals(((Number) Files.getAttribute(temp, "unix:uid")).longValue(), seen.get().uid().getAsLong());

            caller.initialize();
            assertStatus(NtStatus.OBJECT_NAME_EXISTS, assertThrows(ServiceCallException.class,
                    () -> caller.register("ServerPlusInt", JnrServiceChild.PLUS, call -> 0)));

            host.unregister(registration);
            assertStatus(NtStatus.INVALID_PARAMETER_1, assertThrows(ServiceCallException.class, () -> plus(caller, 1, 1)));
            caller.register("ServerPlusInt", JnrServiceChild.PLUS, call -> 0).close();
        }
    }

    @Test
    void serviceProcess_oneMebibyteInOut_andSigkillDuringCall_isUnsuccessfulWithin2s_thenNameFree() throws Exception {
        try (ServiceCallSession caller = ServiceCall.open(new JnrTransportProvider(), config)) {
            try (ChildJvm service = ChildJvm.start(JnrServiceChild.class, namespace.toString())) {
                assertEquals("READY " + service.pid(), service.awaitLine("READY", CHILD_START_SECONDS, TimeUnit.SECONDS));
                assertEquals(5, plus(caller, 2, 3));

                byte[] data = new byte[1 << 20];
                new Random(3).nextBytes(data);
                byte[] expected = new byte[data.length];
                for (int i = 0; i < data.length; i++) {
                    expected[i] = (byte) ~data[i];
                }
                assertEquals(0x1234, caller.call("Invert", pointer(data)));
                assertArrayEquals(expected, data);

                Future<Integer> inFlight = threads.submit(() -> caller.call("Block", dword(7), pointer(new byte[16])));
                assertEquals("ENTERED " + ProcessHandle.current().pid(),
                        service.awaitLine("ENTERED", CHILD_START_SECONDS, TimeUnit.SECONDS),
                        "the service saw this process as the caller");
                long killedAt = System.nanoTime();
                service.process().destroyForcibly();
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> inFlight.get(2, TimeUnit.SECONDS), "the call in flight outlived SIGKILL by 2 s");
                assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(2));
                assertTrue(failure.getCause() instanceof ServiceCallException, String.valueOf(failure.getCause()));
                assertStatus(NtStatus.UNSUCCESSFUL, (ServiceCallException) failure.getCause());
                service.kill();
            }
            try (ServiceCallSession host = ServiceCall.open(new JnrTransportProvider(), config)) {
                host.initialize();
                host.register("ServerPlusInt", JnrServiceChild.PLUS, call -> {
                    call.buffer(2).putInt(0, call.dword(0) + call.dword(1) + 100);
                    return 0;
                });
                assertEquals(102, plus(caller, 1, 1), "the caller reached the new service, not a stale connection");
            }
        }
    }
}

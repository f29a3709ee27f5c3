package dev.servicecall.transport.jna.windows;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import dev.servicecall.protocol.NativeTransport;
import dev.servicecall.protocol.NativeTransportProvider;
import dev.servicecall.protocol.RoutineDescription;
import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jna.linux.LinuxBackend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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

/**
 * The whole native transport (wire protocol, dispatcher, pool) over the Windows backend's logic,
 * with the Win32 calls answered by {@link SocketBackedPipeApi} behind a Mockito spy. This checks
 * that the Windows endpoint and connection fit the protocol layer (accept loop, liveness checks,
 * closing, error codes mid-call); it says nothing about real Win32 behaviour.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class WindowsTransportOverStandInPipesTest {
    private static final Signature PLUS = Signature.of(DWORD, DWORD, POINTER);

    @TempDir
    Path temp;

    private SocketBackedPipeApi pipes;
    private PipeApi api;
    private NativeTransportProvider provider;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void standInPipes() throws Exception {
        LinuxBackend sockets = LinuxBackend.create(
                TransportConfig.empty().with(TransportConfig.NAMESPACE, temp.resolve("sockets").toString()));
        sockets.prepareNamespace();
        pipes = new SocketBackedPipeApi(sockets);
        api = mock(PipeApi.class, delegatesTo(pipes));
        provider = new NativeTransportProvider("windows-stand-in", 0, Availability::available,
                config -> new WindowsBackend(api, WindowsBackend.defaultPrefix(api))) {
        };
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private ServiceCallSession open() throws ServiceCallException {
        return ServiceCall.open(provider, TransportConfig.empty());
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
    void call_roundTrip_callerPidWithoutUid_pipeFlagsAsSpecified() throws Exception {
        try (ServiceCallSession host = open(); ServiceCallSession caller = open()) {
            host.initialize();
            AtomicReference<ClientId> seen = new AtomicReference<>();
            host.register("ServerPlusInt", PLUS, call -> {
                seen.set(ClientId.current().orElseThrow());
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            assertEquals(2, plus(caller, 1, 1));
            assertEquals(300, plus(caller, 100, 200));

            assertEquals(ProcessHandle.current().pid(), seen.get().pid());
            assertTrue(seen.get().uid().isEmpty(), "named pipes tell no uid");
            String pipe = "\\\\.\\pipe\\servicecall-S-1-5-21-0-0-0-1001-ServerPlusInt";
            verify(api).createNamedPipe(eq(pipe), eq(Win32Constants.PIPE_ACCESS_DUPLEX | Win32Constants.FILE_FLAG_FIRST_PIPE_INSTANCE),
                    eq(Win32Constants.PIPE_REJECT_REMOTE_CLIENTS), anyInt(), anyInt(), anyInt(), anyInt());
            verify(api, atLeastOnce()).getNamedPipeClientProcessId(org.mockito.ArgumentMatchers.anyLong());
        }
    }

    @Test
    void register_nameTaken_isObjectNameExists_unregister_freesIt() throws Exception {
        try (ServiceCallSession first = open(); ServiceCallSession second = open()) {
            first.initialize();
            second.initialize();
            ServiceRegistration registration = first.register("ServerPlusInt", PLUS, call -> 0);
            assertStatus(NtStatus.OBJECT_NAME_EXISTS, assertThrows(ServiceCallException.class,
                    () -> second.register("ServerPlusInt", PLUS, call -> 0)));

            first.unregister(registration);
            assertStatus(NtStatus.INVALID_PARAMETER_1, assertThrows(ServiceCallException.class, () -> plus(second, 1, 1)));
            second.register("ServerPlusInt", PLUS, call -> {
                call.buffer(2).putInt(0, 7);
                return 0;
            });
            assertEquals(7, plus(first, 1, 1));
        }
    }

    @Test
    void call_unknownName_isInvalidParameter1() throws Exception {
        try (ServiceCallSession caller = open()) {
            assertStatus(NtStatus.INVALID_PARAMETER_1, assertThrows(ServiceCallException.class, () -> plus(caller, 1, 1)));
        }
    }

    @Test
    void brokenPipeMidCall_isUnsuccessful() throws Exception {
        try (ServiceCallSession host = open(); ServiceCallSession caller = open()) {
            host.initialize();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            host.register("ServerPlusInt", PLUS, call -> {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
                return 0;
            });
            Future<Integer> inFlight = threads.submit(() -> plus(caller, 1, 1));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the routine was not entered");

            pipes.killServerSide(); // every server handle vanishes, as when the service process dies
            ExecutionException failure = assertThrows(ExecutionException.class, () -> inFlight.get(2, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof ServiceCallException, String.valueOf(failure.getCause()));
            assertStatus(NtStatus.UNSUCCESSFUL, (ServiceCallException) failure.getCause());
            release.countDown();
        }
    }

    @Test
    void listAndDescribe_overTheWindowsBackend_seeTheRegisteredRoutine() throws Exception {
        try (ServiceCallSession host = open();
             NativeTransport tool = (NativeTransport) provider.open(TransportConfig.empty())) {
            host.initialize();
            assertEquals(List.of(), tool.listNames());
            host.register("ServerPlusInt", PLUS, call -> 0);
            assertEquals(List.of(BoundName.live("ServerPlusInt")), tool.listNames());
            RoutineDescription description = tool.describe("ServerPlusInt", TimeUnit.SECONDS.toNanos(5));
            assertEquals(PLUS, Signature.ofRaw(description.signature()));
            assertEquals(ProcessHandle.current().pid(), description.ownerPid().orElseThrow());
            verify(api, atLeastOnce()).findFirstFile(eq("\\\\.\\pipe\\*"), org.mockito.ArgumentMatchers.any());
        }
    }
}

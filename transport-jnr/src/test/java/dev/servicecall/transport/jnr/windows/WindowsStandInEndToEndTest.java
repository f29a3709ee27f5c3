package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/** The Windows backend's logic under the shared transport, over {@link StandInKernel32}. */
@Timeout(60)
class WindowsStandInEndToEndTest {
    private static final Signature HOLD = Signature.of(DWORD, POINTER);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static TransportConfig config(TestInfo test) {
        return TransportConfig.empty().with(TransportConfig.NAMESPACE, "end-to-end-" + test.getDisplayName());
    }

    @Test
    void brokenPipeMidCall_isUnsuccessful_promptly(TestInfo test) throws Exception {
        TransportConfig config = config(test);
        StandInKernel32 kernel = StandInWindows.kernel(config);
        try (ServiceCallSession host = ServiceCall.open(new StandInWindows(), config);
                ServiceCallSession caller = ServiceCall.open(new StandInWindows(), config)) {
            host.initialize();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            AtomicLong callerPid = new AtomicLong();
            host.register("Hold", HOLD, call -> {
                callerPid.set(ClientId.current().orElseThrow().pid());
                entered.countDown();
                never.await(30, TimeUnit.SECONDS);
                return 0;
            });
            Future<Integer> inFlight = threads.submit(() -> caller.call("Hold", dword(1), pointer(new byte[8])));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the routine was not entered");
            assertEquals(ProcessHandle.current().pid(), callerPid.get(), "GetNamedPipeClientProcessId as the caller");
            kernel.breakConnections("\\\\.\\pipe\\servicecall-stand-in-Hold");
            ExecutionException e = assertThrows(ExecutionException.class, () -> inFlight.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ServiceCallException, e.getCause().toString());
            assertEquals(NtStatus.describe(NtStatus.UNSUCCESSFUL),
                    NtStatus.describe(((ServiceCallException) e.getCause()).status()), e.getCause().getMessage());
            never.countDown();
        }
    }

    @Test
    void everyHandleIsClosed_whenTheSessionsClose(TestInfo test) throws Exception {
        TransportConfig config = config(test);
        StandInKernel32 kernel = StandInWindows.kernel(config);
        try (ServiceCallSession host = ServiceCall.open(new StandInWindows(), config);
                ServiceCallSession caller = ServiceCall.open(new StandInWindows(), config)) {
            host.initialize();
            host.register("Plus", Signature.of(DWORD, DWORD, POINTER), call -> {
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            byte[] sum = new byte[4];
            for (int i = 0; i < 3; i++) {
                assertEquals(0, caller.call("Plus", dword(i), dword(1), pointer(sum)));
            }
            assertTrue(kernel.openHandles() > 0);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (kernel.openHandles() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, kernel.openHandles(), "handles leaked after both sessions closed");
    }

    @Test
    void unregister_freesTheName_forAnotherHost(TestInfo test) throws Exception {
        TransportConfig config = config(test);
        try (ServiceCallSession first = ServiceCall.open(new StandInWindows(), config);
                ServiceCallSession second = ServiceCall.open(new StandInWindows(), config)) {
            first.initialize();
            second.initialize();
            var registration = first.register("Name", Signature.of(POINTER), call -> 1);
            ServiceCallException taken = assertThrows(ServiceCallException.class,
                    () -> second.register("Name", Signature.of(POINTER), call -> 2));
            assertEquals(NtStatus.describe(NtStatus.OBJECT_NAME_EXISTS), NtStatus.describe(taken.status()));
            assertEquals(1, second.call("Name", pointer(new byte[1])));
            first.unregister(registration);
            second.register("Name", Signature.of(POINTER), call -> 2);
            assertEquals(2, first.call("Name", pointer(new byte[1])));
        }
    }
}

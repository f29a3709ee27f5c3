package dev.servicecall.typed.usage;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import dev.servicecall.api.Status;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import dev.servicecall.transport.inmemory.InMemoryTransportProvider;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.TypedExport;
import dev.servicecall.typed.TypedServiceCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The life of an export: registration, failures while registering, closing, the call's context. */
@Timeout(10)
class ExportBehaviourTest {

    @Test
    void export_registersOneRoutinePerMethod_inRoutineNameOrder_andCloseUnregistersThemAll() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            TypedExport export = TypedServiceCall.export(sc, Calculator.class, new Adder());
            assertEquals("export of Calculator [Ping, ServerDecInt, ServerPlusInt]", export.toString());
            assertEquals(Calculator.class, export.type());
            assertTrue(export.isRegistered());
            assertEquals(0, sc.call("Ping"));

            export.close();
            assertFalse(export.isRegistered());
            ServiceCallException gone = assertThrows(ServiceCallException.class, () -> sc.call("Ping"));
            assertTrue(gone.is(Status.INVALID_PARAMETER_1), gone.getMessage());
            export.close();
            TypedServiceCall.export(sc, Calculator.class, new Adder()).close();
        }
    }

    @Test
    void registrationFailure_unregistersWhatWasRegistered_andThrowsItsStatus() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            sc.fake("ServerDecInt", Signature.of(), call -> 0);
            ServiceCallException failure = assertThrows(ServiceCallException.class,
                    () -> TypedServiceCall.export(sc, Calculator.class, new Adder()));
            assertTrue(failure.is(Status.OBJECT_NAME_EXISTS), failure.getMessage());
            assertEquals("0x40000000 STATUS_OBJECT_NAME_EXISTS: Calculator.decrement as routine 'ServerDecInt' could not be"
                    + " registered; the routines registered before it were unregistered", failure.getMessage());
            ServiceCallException ping = assertThrows(ServiceCallException.class, () -> sc.call("Ping"));
            assertTrue(ping.is(Status.INVALID_PARAMETER_1), "Ping was registered first and must be gone: " + ping.getMessage());
            ServiceCallException plus = assertThrows(ServiceCallException.class,
                    () -> sc.call("ServerPlusInt", dword(1), dword(2), pointer(new byte[4])));
            assertTrue(plus.is(Status.INVALID_PARAMETER_1), "ServerPlusInt comes after the failure: " + plus.getMessage());
        }
    }

    @Test
    void exportBeforeInitialize_isNotSupported_asForARawRegister() throws Exception {
        try (ServiceCallSession session = ServiceCall.open(InMemoryTransportProvider.isolated(), TransportConfig.empty())) {
            ServiceCallException failure = assertThrows(ServiceCallException.class,
                    () -> TypedServiceCall.export(session, Calculator.class, new Adder()));
            assertTrue(failure.is(Status.NOT_SUPPORTED), failure.getMessage());
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void implementationOfAnotherType_isRejected() {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                    () -> TypedServiceCall.export(sc, (Class) Calculator.class, "not a calculator"));
            assertEquals("java.lang.String does not implement " + Calculator.class.getName(), failure.getMessage());
            assertThrows(NullPointerException.class, () -> TypedServiceCall.export(sc, Calculator.class, null));
        }
    }

    @Test
    void packagePrivateInterfaceOfAnotherPackage_isExported() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create();
                TypedExport export = TypedServiceCall.export(sc, PackagePrivateCalculator.class, (a, b, result) -> {
                    result.set(a * b);
                    return 0;
                })) {
            assertEquals(12, TypedServiceCall.proxy(sc, PackagePrivateCalculator.class).plus(3, 4));
        }
    }

    @Test
    void insideTheImplementation_theCallerIsKnown() throws Exception {
        AtomicLong pid = new AtomicLong();
        try (InMemoryServiceCall sc = InMemoryServiceCall.create();
                TypedExport export = TypedServiceCall.export(sc, Calculator.class, new Adder() {
                    @Override
                    public void ping() {
                        pid.set(ClientId.current().orElseThrow().pid());
                    }
                })) {
            TypedServiceCall.proxy(sc, Calculator.class).ping();
            assertEquals(ProcessHandle.current().pid(), pid.get());
        }
    }

    @Test
    void callsRunConcurrently_eachOnItsOwnThread() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (InMemoryServiceCall sc = InMemoryServiceCall.create();
                TypedExport export = TypedServiceCall.export(sc, Calculator.class, new Adder() {
                    @Override
                    public int plus(int a, int b, IntRef result) {
                        try {
                            bothInside.await(5, TimeUnit.SECONDS);
                        } catch (Exception notBoth) {
                            return 1;
                        }
                        return super.plus(a, b, result);
                    }
                })) {
            Calculator calculator = TypedServiceCall.proxy(sc, Calculator.class);
            List<Future<Integer>> sums = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                sums.add(clients.submit(() -> calculator.plus(n, 10)));
            }
            assertEquals(10, sums.get(0).get(5, TimeUnit.SECONDS));
            assertEquals(11, sums.get(1).get(5, TimeUnit.SECONDS));
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    /** A plain implementation of the demo routines. */
    static class Adder implements Calculator {
        @Override
        public int plus(int a, int b, IntRef result) {
            result.set(a + b);
            return 0;
        }

        @Override
        public void decrement(IntRef value) {
            value.set(value.get() - 1);
        }

        @Override
        public void ping() {
        }
    }
}

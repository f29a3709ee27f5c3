package dev.servicecall.typed.usage;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.Signature;
import dev.servicecall.api.Status;
import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.TypedServiceCall;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a proxy does besides packing arguments: Object methods, default methods, options. */
@Timeout(10)
class ProxyBehaviourTest {
    private final AtomicInteger pings = new AtomicInteger();
    private InMemoryServiceCall sc;

    @BeforeEach
    void registerTheDemoRoutinesRaw() {
        sc = InMemoryServiceCall.create();
        sc.fake("ServerPlusInt", Signature.of(DWORD, DWORD, POINTER),
                call -> { call.buffer(2).putInt(0, call.dword(0) + call.dword(1)); return 0; });
        sc.fake("ServerDecInt", Signature.of(POINTER), call -> { call.buffer(0).putInt(0, call.buffer(0).getInt(0) - 1); return 0; });
        sc.fake("Ping", Signature.of(), call -> { pings.incrementAndGet(); return 0; });
    }

    @AfterEach
    void close() {
        sc.close();
    }

    @Test
    void theIssuesExample_callsTheRawDemoRoutine() throws Exception {
        Calculator calculator = TypedServiceCall.proxy(sc, Calculator.class);
        IntRef sum = new IntRef();
        assertEquals(0, calculator.plus(1, 1, sum));
        assertEquals(2, sum.get());
        IntRef value = new IntRef(10);
        calculator.decrement(value);
        assertEquals(9, value.get());
    }

    @Test
    void methodWithoutParameters_isCalled() throws Exception {
        TypedServiceCall.proxy(sc, Calculator.class).ping();
        assertEquals(1, pings.get());
    }

    @Test
    void defaultMethods_runLocally_andMayCallRoutines() throws Exception {
        assertEquals(-3, TypedServiceCall.proxy(sc, Calculator.class).plus(-1, -2));
    }

    @Test
    void packagePrivateInterfaceOfAnotherPackage_isProxied_defaultMethodsToo() throws Exception {
        PackagePrivateCalculator calculator = TypedServiceCall.proxy(sc, PackagePrivateCalculator.class);
        assertEquals(7, calculator.plus(3, 4));
    }

    @Test
    void objectMethods_identityEqualsAndHashCode_toStringNamesTheInterface() {
        Calculator one = TypedServiceCall.proxy(sc, Calculator.class);
        Calculator other = TypedServiceCall.proxy(sc, Calculator.class);
        assertEquals(one, one);
        assertNotEquals(one, other);
        assertFalse(one.equals(null));
        assertEquals(System.identityHashCode(one), one.hashCode());
        assertEquals("Calculator proxy calling through " + sc + ", no deadline", one.toString());
        assertEquals(0, pings.get());
    }

    @Test
    void callOptions_applyToEveryCall_aDeadlineGivesIoTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        sc.fake("Slow", Signature.of(), call -> release.await(10, TimeUnit.SECONDS) ? 0 : 1);
        try {
            Slow slow = TypedServiceCall.proxy(sc, Slow.class, CallOptions.timeout(Duration.ofMillis(100)));
            ServiceCallException timedOut = assertThrows(ServiceCallException.class, slow::slow);
            assertTrue(timedOut.is(Status.IO_TIMEOUT), timedOut.getMessage());
            assertTrue(slow.toString().endsWith("timeout PT0.1S"), slow.toString());
        } finally {
            release.countDown();
        }
    }

    /** A routine that waits for the test. */
    public interface Slow {
        @dev.servicecall.typed.Routine("Slow")
        void slow() throws ServiceCallException;
    }

    @Test
    void nullArguments_areRejected() {
        assertThrows(NullPointerException.class, () -> TypedServiceCall.proxy(null, Calculator.class));
        assertThrows(NullPointerException.class, () -> TypedServiceCall.proxy(sc, null));
        assertThrows(NullPointerException.class, () -> TypedServiceCall.proxy(sc, Calculator.class, null));
    }
}

package dev.servicecall.examples;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.Signature;
import dev.servicecall.api.Status;
import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How to unit-test a caller against a fake routine, with the real contract, in one process. */
class CalculatorWithInMemoryTransportTest {
    private final InMemoryServiceCall sc = InMemoryServiceCall.create();
    private final Calculator calculator = new Calculator(sc);

    @AfterEach
    void close() {
        sc.close();
    }

    @Test
    void addsThroughTheService() throws Exception {
        sc.fake(Calculator.PLUS, Signature.of(DWORD, DWORD, POINTER), call -> {
            call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
            return 0;
        });
        assertEquals(2, calculator.plus(1, 1));
        assertEquals(-5, calculator.plus(-7, 2));
    }

    @Test
    void reportsAServiceThatWentAway() {
        sc.fake(Calculator.PLUS, Signature.of(DWORD, DWORD, POINTER), call -> 0);
        sc.failNextCall(Calculator.PLUS, Status.UNSUCCESSFUL);
        ServiceCallException failure = assertThrows(ServiceCallException.class, () -> calculator.plus(1, 1));
        assertTrue(failure.is(Status.UNSUCCESSFUL));
    }

    @Test
    void reportsAMissingService() {
        ServiceCallException failure = assertThrows(ServiceCallException.class, () -> calculator.plus(1, 1));
        assertTrue(failure.is(Status.INVALID_PARAMETER_1), failure.getMessage());
    }

    @Test
    void reportsASignatureTheServiceDoesNotHave() {
        sc.fake(Calculator.PLUS, Signature.of(DWORD, DWORD), call -> 0);
        ServiceCallException failure = assertThrows(ServiceCallException.class, () -> calculator.plus(1, 1));
        assertTrue(failure.is(Status.INVALID_PARAMETER_2), failure.getMessage());
    }
}

package dev.servicecall.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCaller;
import dev.servicecall.api.Status;
import org.junit.jupiter.api.Test;

/**
 * How to unit-test a caller with a Mockito mock of {@link ServiceCaller}. Note that a mock knows
 * nothing of the contract: it does not copy buffers back unless told to, as done here.
 */
class CalculatorWithMockitoTest {
    private final ServiceCaller caller = mock(ServiceCaller.class);
    private final Calculator calculator = new Calculator(caller);

    @Test
    void addsWithTheResultTheServiceWritesBack() throws Exception {
        when(caller.call(eq(Calculator.PLUS), any(Parameter[].class))).thenAnswer(invocation -> {
            // Mockito spreads varargs: argument 0 is the name, then one argument per parameter.
            Parameter a = invocation.getArgument(1);
            Parameter b = invocation.getArgument(2);
            Parameter result = invocation.getArgument(3);
            result.region().putInt(0, (int) (a.value() + b.value()));
            return 0;
        });
        assertEquals(42, calculator.plus(40, 2));
    }

    @Test
    void propagatesTransportFailures() throws Exception {
        when(caller.call(eq(Calculator.PLUS), any(Parameter[].class)))
                .thenThrow(new ServiceCallException(Status.UNSUCCESSFUL.code(), "service went away"));
        ServiceCallException failure = assertThrows(ServiceCallException.class, () -> calculator.plus(1, 1));
        assertTrue(failure.is(Status.UNSUCCESSFUL));
    }

    @Test
    void turnsAFailingServiceStatusIntoAnException() throws Exception {
        when(caller.call(eq(Calculator.PLUS), any(Parameter[].class))).thenReturn(0xE0000001);
        ServiceCallException failure = assertThrows(ServiceCallException.class, () -> calculator.plus(1, 1));
        assertEquals(0xE0000001, failure.status());
    }
}

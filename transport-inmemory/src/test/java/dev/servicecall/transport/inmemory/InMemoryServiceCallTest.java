package dev.servicecall.transport.inmemory;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;
import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import dev.servicecall.api.Status;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test helpers of the in-memory transport: fakes, injected failures, discovery. */
@Timeout(10)
class InMemoryServiceCallTest {
    private static final Signature PLUS = Signature.of(DWORD, DWORD, POINTER);

    @Test
    void fakeRoutineAnswersInOneLine() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            sc.fake("ServerPlusInt", PLUS, call -> { call.buffer(2).putInt(0, call.dword(0) + call.dword(1)); return 7; });
            byte[] out = new byte[4];
            assertEquals(7, sc.call("ServerPlusInt", dword(1), dword(1), pointer(out)));
            assertEquals(2, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
    }

    @Test
    void failNextCallFailsExactlyTheNextCall() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            sc.fake("X", Signature.of(), call -> 0);
            sc.failNextCall("X", Status.UNSUCCESSFUL);
            ServiceCallException failure = assertThrows(ServiceCallException.class, () -> sc.call("X"));
            assertTrue(failure.is(Status.UNSUCCESSFUL), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("0xC0000001 STATUS_UNSUCCESSFUL"), failure.getMessage());
            assertEquals(0, sc.call("X"));
        }
    }

    @Test
    void failAllCallsLastsUntilCleared() throws Exception {
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            sc.fake("X", Signature.of(), call -> 0);
            sc.failAllCalls("X", Status.IO_TIMEOUT);
            for (int i = 0; i < 3; i++) {
                assertTrue(assertThrows(ServiceCallException.class, () -> sc.call("X")).is(Status.IO_TIMEOUT));
            }
            sc.clearFailures("X");
            assertEquals(0, sc.call("X"));
        }
    }

    @Test
    void isolatedSessionsDoNotSeeEachOther() throws Exception {
        try (InMemoryServiceCall one = InMemoryServiceCall.create(); InMemoryServiceCall two = InMemoryServiceCall.create()) {
            one.fake("X", Signature.of(), call -> 0);
            assertTrue(assertThrows(ServiceCallException.class, () -> two.call("X")).is(Status.INVALID_PARAMETER_1));
        }
    }

    @Test
    void serviceLoaderFindsTheProviderAndSessionsOfOneNamespaceMeet() throws Exception {
        String namespace = "meet-" + System.nanoTime();
        System.setProperty("servicecall.namespace", namespace);
        try (ServiceCallSession service = ServiceCall.open("inmemory"); ServiceCallSession client = ServiceCall.open()) {
            assertEquals("inmemory", client.transportName());
            service.initialize();
            service.register("Echo", Signature.of(DWORD), call -> call.dword(0));
            assertEquals(41, client.call("Echo", dword(41)));
        } finally {
            System.clearProperty("servicecall.namespace");
        }
    }
}

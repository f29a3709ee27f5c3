package dev.servicecall.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.CallRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The caller-side checks, in the contract's order, and the request they produce. */
class CallPreparationTest {

    private static Status failure(String name, Parameter... parameters) {
        ServiceCallException e = assertThrows(ServiceCallException.class,
                () -> CallPreparation.prepare(name, CallOptions.defaults(), parameters));
        assertTrue(e.getMessage().startsWith(Status.describe(e.status())), e.getMessage());
        return e.namedStatus().orElseThrow();
    }

    @Test
    void nullNameIsAccessViolation() {
        assertEquals(Status.ACCESS_VIOLATION, failure(null));
    }

    @Test
    void nullParameterIsAccessViolation() {
        assertEquals(Status.ACCESS_VIOLATION, failure("X", (Parameter) null));
        assertEquals(Status.ACCESS_VIOLATION, failure("X", (Parameter[]) null));
    }

    @Test
    void sliceOutsideItsArrayIsAccessViolation() {
        assertEquals(Status.ACCESS_VIOLATION, failure("X", Parameter.pointer(new byte[4], 2, 3)));
        assertEquals(Status.ACCESS_VIOLATION, failure("X", Parameter.pointer(new byte[4], -1, 1)));
        assertEquals(Status.ACCESS_VIOLATION, failure("X", Parameter.pointer(ByteBuffer.allocate(4), 5)));
    }

    @Test
    void readOnlyBufferIsAccessViolation() {
        assertEquals(Status.ACCESS_VIOLATION, failure("X", Parameter.pointer(ByteBuffer.allocate(4).asReadOnlyBuffer())));
    }

    @Test
    void accessViolationIsCheckedBeforeMasks() {
        assertEquals(Status.ACCESS_VIOLATION,
                failure("X", Parameter.value(ParameterMask.raw(0x90), 1), Parameter.pointer(new byte[1], 0, 2)));
    }

    @Test
    void invalidMaskAndNullPointerAreInvalidParameter2() {
        assertEquals(Status.INVALID_PARAMETER_2, failure("X", Parameter.value(ParameterMask.raw(0x90), 1)));
        assertEquals(Status.INVALID_PARAMETER_2, failure("X", Parameter.pointer((byte[]) null)));
        assertEquals(Status.INVALID_PARAMETER_2, failure("X", Parameter.pointer(ParameterMask.DWORD, new byte[4], 0, 4)));
        Parameter[] tooMany = new Parameter[65];
        java.util.Arrays.fill(tooMany, Parameter.dword(1));
        assertEquals(Status.INVALID_PARAMETER_2, failure("X", tooMany));
    }

    @Test
    void masksAreCheckedBeforeTheName() {
        assertEquals(Status.INVALID_PARAMETER_2, failure("../x", Parameter.pointer((byte[]) null)));
        assertEquals(Status.OBJECT_NAME_INVALID, failure("../x"));
    }

    @Test
    void requestHoldsTruncatedValuesAndExactViews() throws Exception {
        byte[] array = {1, 2, 3, 4, 5, 6};
        ByteBuffer direct = ByteBuffer.allocateDirect(8).position(3);
        CallRequest request = CallPreparation.prepare("X", CallOptions.timeout(Duration.ofMillis(5)), new Parameter[] {
            Parameter.byteValue(0x1FF), Parameter.pointer(array, 1, 3), Parameter.pointer(direct, 4), Parameter.nullPointer()});
        assertEquals(0xFF, request.value(0));
        assertEquals(3, request.buffer(1).capacity());
        assertEquals(2, request.buffer(1).get(0));
        request.writeBack(1, ByteBuffer.wrap(new byte[] {9, 9, 9}));
        assertEquals("[1, 9, 9, 9, 5, 6]", java.util.Arrays.toString(array));
        assertEquals(4, request.buffer(2).capacity());
        assertEquals(3, direct.position(), "the caller's position is untouched");
        assertNull(request.buffer(3));
        assertEquals(5_000_000, request.timeoutNanos());
    }

    @Test
    void statusCodesRenderInMessages() {
        assertEquals("0xC00000EF STATUS_INVALID_PARAMETER_1", Status.INVALID_PARAMETER_1.toString());
        assertEquals(Status.OBJECT_NAME_EXISTS, Status.of(0x40000000).orElseThrow());
    }
}

package dev.servicecall.typed.usage;

import static dev.servicecall.api.Parameter.byteValue;
import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.nullPointer;
import static dev.servicecall.api.Parameter.nullablePointer;
import static dev.servicecall.api.Parameter.pointer;
import static dev.servicecall.api.Parameter.qword;
import static dev.servicecall.api.Parameter.value;
import static dev.servicecall.api.Parameter.word;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.Signature;
import dev.servicecall.api.Status;
import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import dev.servicecall.typed.ByteRef;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.LongRef;
import dev.servicecall.typed.RoutineFailedException;
import dev.servicecall.typed.ShortRef;
import dev.servicecall.typed.TypedServiceCall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A typed client calls raw routines registered with hand-written signatures: each typed call is
 * paired with the equivalent raw call, and both must reach the routine identically (masks,
 * values, buffer bytes) and leave identical results in the caller's memory.
 */
@Timeout(10)
class TypedClientToRawServiceTest {
    private final Probe probe = new Probe();
    private InMemoryServiceCall sc;
    private Wire wire;

    @BeforeEach
    void registerRawRoutines() {
        sc = InMemoryServiceCall.create();
        WireSignatures.ALL.forEach((name, signature) -> sc.fake(name, signature, probe));
        wire = TypedServiceCall.proxy(sc, Wire.class);
    }

    @AfterEach
    void close() {
        sc.close();
    }

    @Test
    void values_travelAtTheirJavaWidth_likeByteValueWordDwordQword() throws Exception {
        probe.status = 0x1234;
        assertEquals(0x1234, wire.values((byte) -1, (short) -2, -3, -4L));
        assertEquals(0x1234, sc.call("Values", byteValue(-1), word(-2), dword(-3), qword(-4)));
        assertBothSaw("Values(BYTE=ff, WORD=fffe, DWORD=fffffffd, QWORD=fffffffffffffffc)");
    }

    @Test
    void narrowedValues_areTruncatedToTheAnnotatedWidth_likeTheRawApi() throws Exception {
        wire.narrowed(0x1FF, 0x12345, 0x1_0000_0002L, (short) 0x180);
        sc.call("Narrowed", byteValue(0x1FF), word(0x12345), dword(0x1_0000_0002L), byteValue(0x180));
        assertBothSaw("Narrowed(BYTE=ff, WORD=2345, DWORD=2, BYTE=80)");
    }

    @Test
    void rawMasks_travelAsGiven() throws Exception {
        byte[] typedArray = {1, 2};
        ByteBuffer typedBuffer = ByteBuffer.wrap(new byte[] {3});
        IntRef typedHolder = new IntRef(5);
        byte[] rawArray = {1, 2};
        ByteBuffer rawBuffer = ByteBuffer.wrap(new byte[] {3});
        byte[] rawHolder = le(5);

        wire.rawMasks(-1L, 0x12345678, typedArray, typedBuffer, typedHolder);
        sc.call("RawMasks", value(ParameterMask.raw(0x8C), -1L), value(ParameterMask.raw(0x86), 0x12345678),
                pointer(ParameterMask.raw(0x44), rawArray, 0, 2), pointer(ParameterMask.raw(0x64), rawBuffer, 1),
                pointer(ParameterMask.raw(0x60), rawHolder, 0, 4));

        assertBothSaw("RawMasks(0x8C=ffffffffffffffff, 0x86=12345678, 0x44 [0102], 0x64 [03], NULLABLE_POINTER [05000000])");
        assertArrayEquals(rawArray, typedArray);
        assertArrayEquals(new byte[] {0x12, 0x13}, typedArray);
        assertEquals(rawBuffer, typedBuffer);
        assertEquals(0x14, typedBuffer.get(0));
        assertEquals(leInt(rawHolder), typedHolder.get());
        assertEquals(0x11111116, typedHolder.get());
    }

    @Test
    void rawNullableMasks_passNullAndZeroLength() throws Exception {
        wire.rawMasks(0, 0, new byte[0], null, null);
        sc.call("RawMasks", value(ParameterMask.raw(0x8C), 0), value(ParameterMask.raw(0x86), 0),
                pointer(ParameterMask.raw(0x44), new byte[0], 0, 0), pointer(ParameterMask.raw(0x64), (ByteBuffer) null, 0),
                pointer(ParameterMask.raw(0x60), (byte[]) null, 0, 0));
        assertBothSaw("RawMasks(0x8C=0, 0x86=0, 0x44 [], 0x64 null, NULLABLE_POINTER null)");
    }

    @Test
    void byteArrays_wholeArrayWrittenBack_nullableNullIsANullPointer() throws Exception {
        byte[] typed = {1, 2, 3};
        byte[] raw = {1, 2, 3};
        wire.arrays(typed, null);
        sc.call("Arrays", pointer(raw), nullablePointer((byte[]) null));
        assertBothSaw("Arrays(POINTER [010203], NULLABLE_POINTER null)");
        assertArrayEquals(raw, typed);
        assertArrayEquals(new byte[] {0x12, 0x13, 0x14}, typed);
    }

    @Test
    void byteArrays_nullableGiven_andZeroLength() throws Exception {
        byte[] typed = {9};
        byte[] raw = {9};
        wire.arrays(new byte[0], typed);
        sc.call("Arrays", pointer(new byte[0]), nullablePointer(raw));
        assertBothSaw("Arrays(POINTER [], NULLABLE_POINTER [09])");
        assertArrayEquals(raw, typed);
    }

    @Test
    void byteBuffers_regionFromPositionToLimit_writtenBackThere_positionUntouched() throws Exception {
        ByteBuffer typedHeap = filled(ByteBuffer.allocate(8)).position(2).limit(5);
        ByteBuffer typedDirect = filled(ByteBuffer.allocateDirect(3));
        ByteBuffer rawHeap = filled(ByteBuffer.allocate(8)).position(2).limit(5);
        ByteBuffer rawDirect = filled(ByteBuffer.allocateDirect(3));

        wire.buffers(typedHeap, typedDirect);
        sc.call("Buffers", pointer(rawHeap), nullablePointer(rawDirect, 3));

        assertBothSaw("Buffers(POINTER [020304], NULLABLE_POINTER [000102])");
        assertEquals(2, typedHeap.position());
        assertEquals(5, typedHeap.limit());
        assertArrayEquals(rawHeap.array(), typedHeap.array());
        assertArrayEquals(new byte[] {0, 1, 0x13, 0x14, 0x15, 5, 6, 7}, typedHeap.array());
        assertEquals(rawDirect.clear(), typedDirect.clear());
        assertEquals(0x11, typedDirect.get(0));
    }

    @Test
    void byteArraySlice_isAWrappedByteBuffer_sameWireAsARawSlice() throws Exception {
        byte[] typed = {0, 1, 2, 3, 4};
        byte[] raw = {0, 1, 2, 3, 4};
        wire.buffers(ByteBuffer.wrap(typed, 1, 2), null);
        sc.call("Buffers", pointer(raw, 1, 2), nullPointer());
        assertBothSaw("Buffers(POINTER [0102], NULLABLE_POINTER null)");
        assertArrayEquals(raw, typed);
        assertArrayEquals(new byte[] {0, 0x12, 0x13, 3, 4}, typed);
    }

    @Test
    void holders_travelAsLittleEndianBuffersOfTheirWidth_andTakeTheResult() throws Exception {
        ByteRef b = new ByteRef((byte) 0x7F);
        ShortRef s = new ShortRef((short) 0x0102);
        IntRef i = new IntRef(0x01020304);
        LongRef l = new LongRef(0x0102030405060708L);
        byte[] rawB = {0x7F};
        byte[] rawS = {2, 1};
        byte[] rawI = le(0x01020304);
        byte[] rawL = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 0x0102030405060708L).array();

        wire.holders(b, s, i, l);
        sc.call("Holders", pointer(rawB), pointer(rawS), pointer(rawI), pointer(rawL));

        assertBothSaw("Holders(POINTER [7f], POINTER [0201], POINTER [04030201], POINTER [0807060504030201])");
        assertEquals(rawB[0], b.get());
        assertEquals((byte) 0x90, b.get());
        assertEquals(ByteBuffer.wrap(rawS).order(ByteOrder.LITTLE_ENDIAN).getShort(), s.get());
        assertEquals((short) 0x1213, s.get());
        assertEquals(leInt(rawI), i.get());
        assertEquals(0x12131415, i.get());
        assertEquals(ByteBuffer.wrap(rawL).order(ByteOrder.LITTLE_ENDIAN).getLong(), l.get());
        assertEquals(0x1213141516171819L, l.get());
    }

    @Test
    void holderDirections_inIsNotUpdated_outSendsZeros_inOutBoth() throws Exception {
        IntRef in = new IntRef(1);
        IntRef out = new IntRef(2);
        IntRef inOut = new IntRef(3);
        byte[] rawIn = le(1);
        byte[] rawOut = new byte[4];
        byte[] rawInOut = le(3);

        wire.directions(in, out, inOut);
        sc.call("Directions", pointer(rawIn), pointer(rawOut), pointer(rawInOut));

        assertBothSaw("Directions(POINTER [01000000], POINTER [00000000], POINTER [03000000])");
        assertEquals(1, in.get(), "@In: the routine's result is not taken");
        assertEquals(0x11111112, leInt(rawIn), "the wire still wrote back, into the typed layer's own bytes");
        assertEquals(leInt(rawOut), out.get());
        assertEquals(leInt(rawInOut), inOut.get());
        assertEquals(0x11111114, inOut.get());
    }

    @Test
    void nullableHolders_nullIsANullPointer() throws Exception {
        ShortRef out = new ShortRef((short) 5);
        byte[] rawOut = new byte[2];
        wire.nullableHolders(null, out);
        sc.call("NullableHolders", nullPointer(), nullablePointer(rawOut));
        assertBothSaw("NullableHolders(NULLABLE_POINTER null, NULLABLE_POINTER [0000])");
        assertEquals((short) 0x1111, out.get());
    }

    @Test
    void voidMethod_zeroStatusReturns_otherStatusThrowsRoutineFailedWithIt() throws Exception {
        probe.status = 0;
        wire.check(7);
        probe.status = 0xC0000001;
        RoutineFailedException failed = assertThrows(RoutineFailedException.class, () -> wire.check(8));
        assertInstanceOf(ServiceCallException.class, failed);
        assertEquals(0xC0000001, failed.serviceStatus());
        assertEquals(0xC0000001, failed.status());
        assertEquals(Optional.of("Check"), failed.routineName());
        assertEquals("0xC0000001 STATUS_UNSUCCESSFUL: the service status of routine 'Check' (Wire.check),"
                + " which does not count as success", failed.getMessage());
        probe.status = 42;
        assertEquals(42, assertThrows(RoutineFailedException.class, () -> wire.check(9)).serviceStatus());
        assertEquals(List.of("Check(DWORD=7)", "Check(DWORD=8)", "Check(DWORD=9)"), probe.seen());
    }

    @Test
    void successStatuses_listedStatusesReturn_othersThrow_holdersUpdatedEitherWay() throws Exception {
        IntRef needed = new IntRef(99);
        probe.status = 0x80000005;
        wire.lenient(needed);
        assertEquals(0x11111111, needed.get());

        needed.set(99);
        probe.status = 0xC0000023;
        RoutineFailedException failed = assertThrows(RoutineFailedException.class, () -> wire.lenient(needed));
        assertEquals(0xC0000023, failed.serviceStatus());
        assertEquals(0x11111111, needed.get(), "results written with a failure status can still be read");
    }

    @Test
    void transportFailure_isAServiceCallException_notARoutineFailure_andLeavesHoldersAlone() {
        IntRef holder = new IntRef(7);
        sc.failNextCall("Holders", Status.UNSUCCESSFUL);
        ServiceCallException failure = assertThrows(ServiceCallException.class,
                () -> wire.holders(new ByteRef(), new ShortRef(), holder, new LongRef()));
        assertFalse(failure instanceof RoutineFailedException);
        assertTrue(failure.is(Status.UNSUCCESSFUL), failure.getMessage());
        assertEquals(7, holder.get());
        assertEquals(List.of(), probe.seen());
    }

    @Test
    void nullForANonNullablePointer_isInvalidParameter2_asForARawCall() {
        ServiceCallException typed = assertThrows(ServiceCallException.class, () -> wire.arrays(null, null));
        ServiceCallException raw = assertThrows(ServiceCallException.class,
                () -> sc.call("Arrays", pointer((byte[]) null), nullPointer()));
        assertTrue(typed.is(Status.INVALID_PARAMETER_2), typed.getMessage());
        assertEquals(raw.getMessage(), typed.getMessage());
        ServiceCallException holder = assertThrows(ServiceCallException.class,
                () -> wire.holders(null, new ShortRef(), new IntRef(), new LongRef()));
        assertTrue(holder.is(Status.INVALID_PARAMETER_2), holder.getMessage());
        assertEquals(List.of(), probe.seen());
    }

    @Test
    void readOnlyByteBuffer_isAccessViolation_asForARawCall() {
        ByteBuffer readOnly = ByteBuffer.allocate(4).asReadOnlyBuffer();
        ServiceCallException typed = assertThrows(ServiceCallException.class, () -> wire.buffers(readOnly, null));
        ServiceCallException raw = assertThrows(ServiceCallException.class,
                () -> sc.call("Buffers", pointer(readOnly), nullPointer()));
        assertTrue(typed.is(Status.ACCESS_VIOLATION), typed.getMessage());
        assertEquals(raw.getMessage(), typed.getMessage());
    }

    @Test
    void signatureDifferentFromTheRegisteredOne_isInvalidParameter2() throws Exception {
        try (InMemoryServiceCall other = InMemoryServiceCall.create()) {
            other.fake("Values", Signature.of(ParameterMask.DWORD, ParameterMask.WORD, ParameterMask.DWORD, ParameterMask.QWORD), probe);
            Wire mismatched = TypedServiceCall.proxy(other, Wire.class);
            ServiceCallException failure = assertThrows(ServiceCallException.class,
                    () -> mismatched.values((byte) 1, (short) 2, 3, 4));
            assertTrue(failure.is(Status.INVALID_PARAMETER_2), failure.getMessage());
            ServiceCallException missing = assertThrows(ServiceCallException.class, () -> mismatched.check(1));
            assertTrue(missing.is(Status.INVALID_PARAMETER_1), missing.getMessage());
        }
    }

    private void assertBothSaw(String expected) {
        assertEquals(List.of(expected, expected), probe.seen(), "typed call first, raw call second");
    }

    private static ByteBuffer filled(ByteBuffer buffer) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) i);
        }
        return buffer;
    }

    static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value).array();
    }

    static int leInt(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}

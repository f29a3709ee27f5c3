package dev.servicecall.typed.usage;

import static dev.servicecall.api.Parameter.byteValue;
import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.nullPointer;
import static dev.servicecall.api.Parameter.nullablePointer;
import static dev.servicecall.api.Parameter.pointer;
import static dev.servicecall.api.Parameter.qword;
import static dev.servicecall.api.Parameter.value;
import static dev.servicecall.api.Parameter.word;
import static dev.servicecall.typed.usage.TypedClientToRawServiceTest.le;
import static dev.servicecall.typed.usage.TypedClientToRawServiceTest.leInt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.Status;
import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import dev.servicecall.typed.RoutineFailedException;
import dev.servicecall.typed.TypedExport;
import dev.servicecall.typed.TypedServiceCall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A raw client calls a typed export, with the hand-written signatures: the implementation must
 * get the Java arguments the mapping table promises, and what it leaves in buffers and holders
 * must come back into the raw caller's memory.
 */
@Timeout(10)
class RawClientToTypedExportTest {
    private final RecordingWire implementation = new RecordingWire();
    private InMemoryServiceCall sc;
    private TypedExport export;

    @BeforeEach
    void exportTheImplementation() throws Exception {
        sc = InMemoryServiceCall.create();
        export = TypedServiceCall.export(sc, Wire.class, implementation);
    }

    @AfterEach
    void close() {
        export.close();
        sc.close();
    }

    @Test
    void export_registersEveryRoutine_withTheHandWrittenSignatures() {
        assertEquals(WireSignatures.ALL.size(), export.registrations().size());
        export.registrations().forEach(registration ->
                assertEquals(WireSignatures.ALL.get(registration.name()), registration.signature(), registration.name()));
    }

    @Test
    void values_sameWidthAsTheJavaType_areSignedJavaValues() throws Exception {
        implementation.status = 0x1234;
        assertEquals(0x1234, sc.call("Values", byteValue(0xFF), word(0xFFFE), dword(0xFFFFFFFDL), qword(-4)));
        assertEquals(List.of("values(-1, -2, -3, -4)"), implementation.calls());
    }

    @Test
    void values_narrowerThanTheJavaType_areUnsigned() throws Exception {
        sc.call("Narrowed", byteValue(0x1FF), word(0x12345), dword(0xFFFF_FFFFL), byteValue(0x180));
        assertEquals(List.of("narrowed(255, 9029, 4294967295, 128)"), implementation.calls());
    }

    @Test
    void rawMasks_reachTheImplementation_andResultsComeBack() throws Exception {
        byte[] array = {1, 2};
        byte[] holder = le(41);
        sc.call("RawMasks", value(ParameterMask.raw(0x8C), -1L), value(ParameterMask.raw(0x86), 0x12345678),
                pointer(ParameterMask.raw(0x44), array, 0, 2), pointer(ParameterMask.raw(0x64), (ByteBuffer) null, 0),
                pointer(ParameterMask.raw(0x60), holder, 0, 4));
        assertEquals(List.of("rawMasks(-1, 305419896, [1, 2], null, IntRef[41])"), implementation.calls());
        assertArrayEquals(new byte[] {0x21, 0x21}, array);
        assertEquals(42, leInt(holder));
    }

    @Test
    void byteArrays_holdTheCallersBytes_andAreWrittenBack_slicesToo() throws Exception {
        byte[] slice = {0, 1, 2, 3};
        sc.call("Arrays", pointer(slice, 1, 2), nullPointer());
        byte[] whole = {5};
        byte[] nullable = {6, 7};
        sc.call("Arrays", pointer(whole), nullablePointer(nullable));
        assertEquals(List.of("arrays([1, 2], null)", "arrays([5], [6, 7])"), implementation.calls());
        assertArrayEquals(new byte[] {0, 0x22, 0x22, 3}, slice);
        assertArrayEquals(new byte[] {0x22}, whole);
        assertArrayEquals(new byte[] {0x23, 0x23}, nullable);
    }

    @Test
    void byteBuffers_areTheCallsLittleEndianBuffer_fromPositionZero() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(6);
        direct.put(0, (byte) 9).position(1).limit(4);
        sc.call("Buffers", pointer(direct), nullablePointer(new byte[] {8}));
        assertEquals(List.of("buffers(LITTLE_ENDIAN 0/3 [000000], LITTLE_ENDIAN 0/1 [08])"), implementation.calls());
        assertEquals(9, direct.get(0));
        assertEquals(0x25, direct.get(1));
        assertEquals(0x24, direct.get(2));
        assertEquals(1, direct.position());
    }

    @Test
    void holders_areFilledFromTheBuffers_andWrittenBackLittleEndian() throws Exception {
        byte[] b = {(byte) 0x80};
        byte[] s = {(byte) 0xFF, (byte) 0x7F};
        byte[] i = le(-5);
        byte[] l = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MIN_VALUE).array();
        sc.call("Holders", pointer(b), pointer(s), pointer(i), pointer(l));
        assertEquals(List.of("holders(ByteRef[-128], ShortRef[32767], IntRef[-5], LongRef[-9223372036854775808])"),
                implementation.calls());
        assertArrayEquals(new byte[] {(byte) 0xFE}, b);
        assertArrayEquals(new byte[] {0x27, 0x26}, s);
        assertArrayEquals(new byte[] {0x2B, 0x2A, 0x29, 0x28}, i);
        assertEquals(-3L, ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void holderDirections_inIsNotWrittenBack_outStartsAtZero() throws Exception {
        byte[] in = le(1);
        byte[] out = le(0x55555555);
        byte[] inOut = le(3);
        sc.call("Directions", pointer(in), pointer(out), pointer(inOut));
        assertEquals(List.of("directions(IntRef[1], IntRef[0], IntRef[3])"), implementation.calls());
        assertEquals(1, leInt(in));
        assertEquals(200, leInt(out));
        assertEquals(300, leInt(inOut));
    }

    @Test
    void holderBufferLongerThanTheHolder_usesItsFirstBytes() throws Exception {
        byte[] longer = {1, 0, 0, 0, 9, 9};
        sc.call("Directions", pointer(le(0)), pointer(new byte[4]), pointer(longer));
        assertEquals(List.of("directions(IntRef[0], IntRef[0], IntRef[1])"), implementation.calls());
        assertArrayEquals(new byte[] {44, 1, 0, 0, 9, 9}, longer);
    }

    @Test
    void holderBufferShorterThanTheHolder_isInvalidParameter_andTheImplementationDoesNotRun() throws Exception {
        byte[] tooShort = {1, 2};
        int status = sc.call("Directions", pointer(le(0)), pointer(new byte[4]), pointer(tooShort));
        assertEquals(Status.INVALID_PARAMETER.code(), status);
        assertEquals(List.of(), implementation.calls());
        assertArrayEquals(new byte[] {1, 2}, tooShort);
    }

    @Test
    void nullableHolders_nullPointerIsNull() throws Exception {
        byte[] out = {1, 1};
        sc.call("NullableHolders", nullPointer(), nullablePointer(out));
        assertEquals(List.of("nullableHolders(null, ShortRef[0])"), implementation.calls());
        assertArrayEquals(new byte[] {7, 0}, out);
    }

    @Test
    void voidMethod_returningNormally_answersZero() throws Exception {
        implementation.status = 55;
        assertEquals(0, sc.call("Check", dword(3)));
        assertEquals(List.of("check(3)"), implementation.calls());
    }

    @Test
    void routineFailedException_fromTheImplementation_answersItsStatus_andResultsAreWrittenBack() throws Exception {
        implementation.failure = new RoutineFailedException(0xC0000023, "buffer too small");
        byte[] needed = new byte[4];
        assertEquals(0xC0000023, sc.call("Lenient", pointer(needed)));
        assertEquals(64, leInt(needed));
        assertEquals(0xC0000023, sc.call("Check", dword(1)));
    }

    @Test
    void otherException_isUnhandledException_andNothingIsWrittenBack() throws Exception {
        implementation.failure = new IllegalStateException("bug in the service");
        byte[] holder = le(5);
        assertEquals(Status.UNHANDLED_EXCEPTION.code(), sc.call("Directions", pointer(le(0)), pointer(new byte[4]), pointer(holder)));
        assertEquals(5, leInt(holder));
        implementation.failure = new ServiceCallException(Status.UNSUCCESSFUL.code(), "a nested call failed");
        assertEquals(Status.UNHANDLED_EXCEPTION.code(), sc.call("Check", dword(1)));
    }

    @Test
    void typedClient_toTypedExport_endToEnd() throws Exception {
        Wire wire = TypedServiceCall.proxy(sc, Wire.class);
        dev.servicecall.typed.IntRef in = new dev.servicecall.typed.IntRef(1);
        dev.servicecall.typed.IntRef out = new dev.servicecall.typed.IntRef(2);
        dev.servicecall.typed.IntRef inOut = new dev.servicecall.typed.IntRef(3);
        implementation.status = 17;
        assertEquals(17, wire.directions(in, out, inOut));
        assertEquals(List.of("directions(IntRef[1], IntRef[0], IntRef[3])"), implementation.calls());
        assertEquals(1, in.get());
        assertEquals(200, out.get());
        assertEquals(300, inOut.get());

        implementation.failure = new RoutineFailedException(0x80000005, "partial");
        dev.servicecall.typed.IntRef needed = new dev.servicecall.typed.IntRef();
        wire.lenient(needed);
        assertEquals(64, needed.get());
        implementation.failure = new RoutineFailedException(0xC0000004, "too small");
        assertEquals(0xC0000004, org.junit.jupiter.api.Assertions.assertThrows(RoutineFailedException.class,
                () -> wire.lenient(needed)).serviceStatus());
    }
}

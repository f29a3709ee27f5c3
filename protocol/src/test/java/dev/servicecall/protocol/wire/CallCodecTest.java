package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class CallCodecTest {
    private static final byte D = (byte) ParameterMasks.DWORD;
    private static final byte Q = (byte) ParameterMasks.QWORD;
    private static final byte B = (byte) ParameterMasks.BYTE;
    private static final byte W = (byte) ParameterMasks.WORD;
    private static final byte P = (byte) ParameterMasks.POINTER;
    private static final byte N = (byte) ParameterMasks.NULLABLE_POINTER;

    /** (DWORD, POINTER[5], NULLABLE_POINTER null, QWORD, POINTER[0], NULLABLE_POINTER[9]) */
    private static CallRequest mixed() {
        byte[] signature = {D, P, N, Q, P, N};
        long[] values = {0xFFFF_FFFFL, 0, 0, 0x0123_4567_89AB_CDEFL, 0, 0};
        ByteBuffer[] buffers = {null, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), null, null,
            ByteBuffer.allocate(0), ByteBuffer.allocateDirect(9)};
        for (int i = 0; i < 9; i++) {
            buffers[5].put(i, (byte) (0x10 + i));
        }
        return Frames.request("Server.Plus-Int_2", signature, values, buffers);
    }

    @Test
    void call_roundTrip_namesSignatureValuesAndBuffers() throws Exception {
        CallRequest request = mixed();
        ByteBuffer frame = Frames.call(request, false);
        CallDecoder call = Frames.decodeCall(frame);
        assertEquals("Server.Plus-Int_2", call.name());
        assertTrue(call.nameEquals("Server.Plus-Int_2".getBytes()));
        assertFalse(call.nameEquals("Server.Plus-Int_3".getBytes()));
        assertTrue(call.signatureMatches(request.signature()));
        assertFalse(call.signatureMatches(new byte[] {D, P, N, (byte) 0x8C, P, N}), "0x8C and 0x88 differ");
        assertFalse(call.signatureMatches(new byte[] {D, P, N, Q, P}));
        assertEquals(6, call.parameterCount());
        assertEquals(0xFFFF_FFFFL, call.value(0));
        assertEquals(0x0123_4567_89AB_CDEFL, call.value(3));
        assertEquals(5, call.bufferLength(1));
        assertTrue(call.isNull(2));
        assertEquals(0, call.bufferLength(4));
        assertEquals(9, call.bufferLength(5));
        assertEquals(9, call.largestBuffer());
        assertBytes(frame, call.bufferOffset(1), 1, 2, 3, 4, 5);
        assertBytes(frame, call.bufferOffset(5), 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18);
        for (int i : new int[] {1, 4, 5}) {
            assertEquals(0, call.bufferOffset(i) % 8, "buffers start 8-aligned");
        }
        assertFalse(call.buffersOmitted());
        assertEquals(0, frame.limit() % 8, "every buffer is padded to 8");
    }

    @Test
    void call_layout_matchesTheDocumentedOffsets() throws Exception {
        CallRequest request = Frames.request("ab", new byte[] {D, P}, new long[] {7, 0},
                new ByteBuffer[] {null, ByteBuffer.wrap(new byte[] {9, 8, 7})});
        ByteBuffer frame = Frames.call(request, false);
        // payload: [2, 2, 0, 0, 'a', 'b', 0x84, 0x40] slots at 8: 7, 3; data at 24: 9 8 7 + 5 zeros
        assertEquals(16 + 8 + 16 + 8, frame.limit());
        assertBytes(frame, 16, 2, 2, 0, 0, 'a', 'b', 0x84, 0x40);
        assertEquals(7, LittleEndian.i64(frame, 24));
        assertEquals(3, LittleEndian.i64(frame, 32));
        assertBytes(frame, 40, 9, 8, 7, 0, 0, 0, 0, 0);
        assertEquals(16 + 8 + 16 + 8 - 16, LittleEndian.u32(frame, 12));
    }

    @Test
    void call_decodes_fromAnyBuffer_atAnyOffset_inAnyByteOrder() throws Exception {
        ByteBuffer original = Frames.call(mixed(), false);
        ByteBuffer big = ByteBuffer.allocate(original.limit() + 40).order(ByteOrder.BIG_ENDIAN);
        big.put(40, original, 0, original.limit());
        FrameHeader header = new FrameHeader();
        header.read(big, 40);
        CallDecoder call = new CallDecoder();
        call.readPrefix(header, big, 56);
        call.readParameters();
        assertEquals(0x0123_4567_89AB_CDEFL, call.value(3));
        assertBytes(big, call.bufferOffset(1), 1, 2, 3, 4, 5);
    }

    @Test
    void call_serviceTruncatesValuesToTheirWidth() throws Exception {
        CallRequest request = Frames.request("t", new byte[] {B, W, D}, new long[] {0, 0, 0},
                new ByteBuffer[3]);
        ByteBuffer frame = Frames.call(request, false);
        int slots = 16 + 8;
        LittleEndian.put64(frame, slots, 0x1FF);
        LittleEndian.put64(frame, slots + 8, 0x12345);
        LittleEndian.put64(frame, slots + 16, -1L);
        CallDecoder call = Frames.decodeCall(frame);
        assertEquals(0xFF, call.value(0));
        assertEquals(0x2345, call.value(1));
        assertEquals(0xFFFF_FFFFL, call.value(2));
    }

    @Test
    void call_buffersOmitted_keepsLengthsWithoutBytes_evenHugeOnes() throws Exception {
        CallRequest request = mixed();
        ByteBuffer frame = Frames.call(request, true);
        assertEquals(CallCodec.frameSize(request, true), frame.limit());
        CallDecoder call = Frames.decodeCall(frame);
        assertTrue(call.buffersOmitted());
        assertEquals(5, call.bufferLength(1));
        assertThrows(IllegalStateException.class, () -> call.bufferOffset(1));

        int slot1 = 16 + (int) LittleEndian.align8(4 + 17 + 6) + 8;
        LittleEndian.put64(frame, slot1, 4L << 30); // a 4 GiB buffer, declared only
        CallDecoder huge = Frames.decodeCall(frame);
        assertEquals(4L << 30, huge.largestBuffer());
    }

    @Test
    void call_nullForANonNullablePointer_isReportedNotMalformed() throws Exception {
        CallRequest request = Frames.request("n", new byte[] {P, N}, new long[2],
                new ByteBuffer[] {ByteBuffer.allocate(0), null});
        ByteBuffer frame = Frames.call(request, false);
        LittleEndian.put64(frame, 16 + 8, WireProtocol.NULL_POINTER);
        CallDecoder call = new CallDecoder();
        call.readPrefix(Frames.header(frame), frame, 16);
        assertEquals(0, call.readParameters());
    }

    @Test
    void prefix_isReadable_evenWhenTheMasksAreInvalid_soTheServiceCanAnswerSignatureMismatch() throws Exception {
        CallRequest request = Frames.request("x", new byte[] {D}, new long[1], new ByteBuffer[1]);
        ByteBuffer frame = Frames.call(request, false);
        frame.put(16 + 5, (byte) 0x10); // reserved bit: an invalid mask
        CallDecoder call = new CallDecoder();
        call.readPrefix(Frames.header(frame), frame, 16);
        assertFalse(call.signatureMatches(new byte[] {D}));
        assertArrayEquals(new byte[] {0x10}, call.signature());
        MalformedFrameException e = assertThrows(MalformedFrameException.class, call::readParameters);
        assertTrue(e.getMessage().contains("mask"), e.getMessage());
    }

    // ---- malformed frames: every one rejected with a reason, nothing sized from the frame ----

    private static void assertMalformed(ByteBuffer frame, String expectedWord) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> Frames.decodeCall(frame));
        assertTrue(e.getMessage().toLowerCase().contains(expectedWord), e.getMessage());
    }

    private static ByteBuffer simple() {
        return Frames.call(Frames.request("abc", new byte[] {D, P}, new long[] {1, 0},
                new ByteBuffer[] {null, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})}), false);
    }

    private static final int SLOTS = 16 + 16; // align8(4 + 3 + 2) = 16
    private static final int DATA = SLOTS + 16;

    @Test
    void malformed_nameLengthZeroOrOver64() {
        ByteBuffer frame = simple();
        frame.put(16, (byte) 0);
        assertMalformed(frame, "name length");
        frame.put(16, (byte) 65);
        assertMalformed(frame, "name length");
    }

    @Test
    void malformed_parameterCountOverTheLimit() {
        ByteBuffer frame = simple();
        frame.put(17, (byte) 65);
        assertMalformed(frame, "parameter count");
        frame.put(17, (byte) 255);
        assertMalformed(frame, "parameter count");
    }

    @Test
    void malformed_nameWithForbiddenBytes() {
        ByteBuffer frame = simple();
        frame.put(20, (byte) '/');
        assertMalformed(frame, "name byte");
        frame.put(20, (byte) '.');
        assertMalformed(frame, "name byte");
        frame.put(20, (byte) 'a').put(21, (byte) 0);
        assertMalformed(frame, "name byte");
    }

    @Test
    void malformed_reservedFieldOrUnknownFlag() {
        ByteBuffer frame = simple();
        frame.put(18, (byte) 1);
        assertMalformed(frame, "reserved");
        frame.put(18, (byte) 0);
        LittleEndian.put16(frame, 8, 0x0002);
        assertMalformed(frame, "flags");
    }

    @Test
    void malformed_payloadShorterThanItsFixedPart_orThanItsNameAndMasks() {
        ByteBuffer frame = simple();
        Frames.setPayloadLength(frame, 3);
        frame.limit(16 + 3);
        assertMalformed(frame, "fixed part");
        ByteBuffer second = simple();
        Frames.setPayloadLength(second, 8);
        second.limit(16 + 8);
        assertMalformed(second, "declares");
    }

    @Test
    void malformed_headerClaimsMoreBytesThanThereAre() {
        ByteBuffer frame = simple();
        Frames.setPayloadLength(frame, frame.limit() - 16 + 8);
        assertMalformed(frame, "present");
    }

    @Test
    void malformed_slotsBeyondThePayload() {
        ByteBuffer frame = simple();
        Frames.setPayloadLength(frame, SLOTS - 16 + 8);
        frame.limit(SLOTS + 8);
        assertMalformed(frame, "before its buffers");
    }

    @Test
    void malformed_bufferLengthLargerThanTheBytesSent() {
        ByteBuffer frame = simple();
        LittleEndian.put64(frame, SLOTS + 8, 17);
        assertMalformed(frame, "claims");
    }

    @Test
    void malformed_bufferLengthSmallerThanTheBytesSent_leavesTrailingBytes() {
        ByteBuffer frame = simple();
        LittleEndian.zero(frame, DATA + 2, 14); // keep the claimed buffer's padding valid
        LittleEndian.put64(frame, SLOTS + 8, 2);
        assertMalformed(frame, "declares");
    }

    @Test
    void malformed_a4GiBBufferClaim_withoutOmittedFlag() {
        ByteBuffer frame = simple();
        LittleEndian.put64(frame, SLOTS + 8, 4L << 30);
        assertMalformed(frame, "claims");
        LittleEndian.put64(frame, SLOTS + 8, 0xFFFF_FFFFL);
        assertMalformed(frame, "claims");
    }

    @Test
    void malformed_negativeLengths_otherThanTheNullMarker() {
        ByteBuffer frame = simple();
        LittleEndian.put64(frame, SLOTS + 8, -2L);
        assertMalformed(frame, "2^63");
        LittleEndian.put64(frame, SLOTS + 8, Long.MIN_VALUE);
        assertMalformed(frame, "2^63");
    }

    @Test
    void malformed_lengthsWhoseSumOverflows_areRejectedOneByOne() {
        byte[] signature = {P, P};
        ByteBuffer frame = Frames.call(Frames.request("ov", signature, new long[2],
                new ByteBuffer[] {ByteBuffer.allocate(8), ByteBuffer.allocate(8)}), false);
        int slots = 16 + 8;
        LittleEndian.put64(frame, slots, Long.MAX_VALUE - 3);
        LittleEndian.put64(frame, slots + 8, Long.MAX_VALUE - 3);
        assertMalformed(frame, "claims");
        LittleEndian.put64(frame, slots, (1L << 62));
        LittleEndian.put64(frame, slots + 8, (1L << 62));
        assertMalformed(frame, "claims");
    }

    @Test
    void malformed_lengthsThatDoNotFitTheFrame_withOmittedBuffers_trailingBytes() {
        ByteBuffer frame = Frames.call(Frames.request("abc", new byte[] {D, P}, new long[] {1, 0},
                new ByteBuffer[] {null, ByteBuffer.allocate(10)}), true);
        ByteBuffer longer = Frames.buffer(frame.limit() + 8);
        longer.put(0, frame, 0, frame.limit());
        Frames.setPayloadLength(longer, longer.limit() - 16);
        assertMalformed(longer, "declares");
    }

    @Test
    void malformed_nonZeroPadding() {
        ByteBuffer frame = simple();
        frame.put(16 + 4 + 3 + 2, (byte) 1); // after the masks
        assertMalformed(frame, "padding");
        ByteBuffer second = simple();
        second.put(DATA + 10, (byte) 1); // after the 10-byte buffer
        assertMalformed(second, "padding");
    }

    @Test
    void malformed_wrongType() throws Exception {
        ByteBuffer frame = simple();
        frame.put(7, (byte) WireProtocol.TYPE_REPLY);
        FrameHeader header = Frames.header(frame);
        assertThrows(MalformedFrameException.class, () -> new CallDecoder().readPrefix(header, frame, 16));
    }

    @Test
    void decoder_isReusable_andForgetsThePreviousFrameOnFailure() throws Exception {
        CallDecoder call = new CallDecoder();
        ByteBuffer good = simple();
        call.readPrefix(Frames.header(good), good, 16);
        call.readParameters();
        ByteBuffer bad = simple();
        LittleEndian.put64(bad, SLOTS + 8, 3);
        call.readPrefix(Frames.header(bad), bad, 16);
        assertThrows(MalformedFrameException.class, call::readParameters);
        assertThrows(IllegalStateException.class, () -> call.value(0));
        call.readPrefix(Frames.header(good), good, 16);
        call.readParameters();
        assertEquals(1, call.value(0));
    }

    private static void assertBytes(ByteBuffer buffer, int index, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals((byte) expected[i], buffer.get(index + i), "byte " + i + " at " + (index + i));
        }
    }
}

package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReplyCodecTest {
    private static final byte D = (byte) ParameterMasks.DWORD;
    private static final byte P = (byte) ParameterMasks.POINTER;
    private static final byte N = (byte) ParameterMasks.NULLABLE_POINTER;

    private final byte[] first = new byte[5];
    private final byte[] second = new byte[12];

    /** (DWORD, POINTER[5], NULLABLE null, POINTER[12] as a slice at offset 2 of a 14-byte array) */
    private CallRequest request() {
        byte[] backing = new byte[14];
        ByteBuffer sliced = ByteBuffer.wrap(backing, 2, 12).slice();
        return Frames.request("r", new byte[] {D, P, N, P}, new long[4],
                new ByteBuffer[] {null, ByteBuffer.wrap(first), null, sliced});
    }

    /** The routine's buffers: sizes of the request, filled with a pattern. */
    private static ByteBuffer[] results() {
        ByteBuffer a = ByteBuffer.allocateDirect(5);
        ByteBuffer b = ByteBuffer.allocate(12);
        for (int i = 0; i < 5; i++) {
            a.put(i, (byte) (100 + i));
        }
        for (int i = 0; i < 12; i++) {
            b.put(i, (byte) (50 + i));
        }
        a.position(3); // whatever the routine left as position, the whole buffer goes back
        return new ByteBuffer[] {null, a, null, b};
    }

    private static ByteBuffer encode(int transport, int service, ByteBuffer[] buffers) {
        ByteBuffer frame = Frames.buffer((int) ReplyCodec.frameSize(buffers, 4));
        int length = ReplyCodec.encode(frame, 0, WireProtocol.CURRENT, 0, transport, service, buffers, 4);
        return frame.limit(length);
    }

    private static ReplyDecoder read(ByteBuffer frame, CallRequest request) throws MalformedFrameException {
        ReplyDecoder reply = new ReplyDecoder();
        reply.read(Frames.header(frame), frame, 16, request);
        return reply;
    }

    @Test
    void reply_roundTrip_writesBackWholeBuffersInParameterOrder() throws Exception {
        CallRequest request = request();
        ByteBuffer frame = encode(0, 0x1234, results());
        assertEquals(16 + 16 + 16 + 8 + 16, frame.limit());
        ReplyDecoder reply = read(frame, request);
        assertEquals(0, reply.transportStatus());
        assertEquals(0x1234, reply.serviceStatus());
        assertTrue(reply.hasWriteBack());
        reply.writeBack();
        assertArrayEquals(new byte[] {100, 101, 102, 103, 104}, first);
        assertEquals(50, request.buffer(3).get(0));
        assertEquals(61, request.buffer(3).get(11));
        assertEquals(0, request.buffer(3).position(), "the caller's position is untouched");
    }

    @Test
    void reply_withoutWriteBack_carriesOnlyStatuses() throws Exception {
        ByteBuffer frame = encode(0, NtStatus.UNHANDLED_EXCEPTION, null);
        assertEquals(32, frame.limit());
        ReplyDecoder reply = read(frame, request());
        assertEquals(NtStatus.UNHANDLED_EXCEPTION, reply.serviceStatus());
        assertFalse(reply.hasWriteBack());
        reply.writeBack();
        assertArrayEquals(new byte[5], first, "nothing written back");
    }

    private void assertMalformedAndNothingWritten(ByteBuffer frame) {
        assertThrows(MalformedFrameException.class, () -> read(frame, request()));
        assertArrayEquals(new byte[5], first);
    }

    @Test
    void malformed_writtenBackCountNeitherZeroNorThePointerCount() {
        ByteBuffer frame = encode(0, 0, results());
        frame.put(16 + 8, (byte) 1);
        assertMalformedAndNothingWritten(frame);
        frame.put(16 + 8, (byte) 255);
        assertMalformedAndNothingWritten(frame);
    }

    @Test
    void malformed_bufferLengthOtherThanTheOneSent() {
        ByteBuffer frame = encode(0, 0, results());
        LittleEndian.put64(frame, 32, 6);
        assertMalformedAndNothingWritten(frame);
        LittleEndian.put64(frame, 32, 4L << 30);
        assertMalformedAndNothingWritten(frame);
        LittleEndian.put64(frame, 32, -1L);
        assertMalformedAndNothingWritten(frame);
    }

    @Test
    void malformed_payloadLengthThatLies_inBothDirections() {
        ByteBuffer frame = encode(0, 0, results());
        ByteBuffer longer = Frames.buffer(frame.limit() + 8);
        longer.put(0, frame, 0, frame.limit());
        Frames.setPayloadLength(longer, longer.limit() - 16);
        assertMalformedAndNothingWritten(longer);
        ByteBuffer shorter = encode(0, 0, results());
        Frames.setPayloadLength(shorter, shorter.limit() - 16 - 8);
        shorter.limit(shorter.limit() - 8);
        assertMalformedAndNothingWritten(shorter);
        ByteBuffer truncated = encode(0, 0, results());
        truncated.limit(truncated.limit() - 1);
        assertMalformedAndNothingWritten(truncated);
    }

    @Test
    void malformed_reservedBytes_flags_padding_writeBackWithAFailedTransport() {
        ByteBuffer reserved = encode(0, 0, results());
        reserved.put(16 + 12, (byte) 1);
        assertMalformedAndNothingWritten(reserved);
        ByteBuffer flags = encode(0, 0, results());
        LittleEndian.put16(flags, 8, 1);
        assertMalformedAndNothingWritten(flags);
        ByteBuffer padding = encode(0, 0, results());
        padding.put(48 + 5, (byte) 1);
        assertMalformedAndNothingWritten(padding);
        ByteBuffer failed = encode(NtStatus.INVALID_PARAMETER_2, 0, results());
        assertMalformedAndNothingWritten(failed);
    }
}

package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FrameHeaderTest {
    @Test
    void header_roundTrip_allFields() throws Exception {
        ByteBuffer buffer = Frames.buffer(32);
        FrameHeader.write(buffer, 4, ProtocolVersion.of(1, 0), Architecture.AARCH64, WireProtocol.TYPE_CALL, 0x0001, 1234);
        FrameHeader header = new FrameHeader();
        header.read(buffer, 4);
        assertEquals(1, header.major());
        assertEquals(0, header.minor());
        assertEquals(Architecture.AARCH64, header.architecture());
        assertEquals(WireProtocol.TYPE_CALL, header.type());
        assertEquals(1, header.flags());
        assertEquals(1234, header.payloadLength());
    }

    @Test
    void header_isLittleEndian_withMagicScwp_whateverTheBufferOrder() throws Exception {
        ByteBuffer big = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        FrameHeader.write(big, 0, ProtocolVersion.of(1, 2), Architecture.X86_64, WireProtocol.TYPE_REPLY, 0x0102, 0x01020304);
        byte[] expected = {'S', 'C', 'W', 'P', 1, 2, Architecture.X86_64, WireProtocol.TYPE_REPLY, 0x02, 0x01, 0, 0,
            0x04, 0x03, 0x02, 0x01};
        byte[] actual = new byte[16];
        big.get(0, actual);
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
        assertEquals(ByteOrder.BIG_ENDIAN, big.order(), "the codec never changes a buffer's order");
        FrameHeader header = new FrameHeader();
        header.read(big, 0);
        assertEquals(0x01020304, header.payloadLength());
        assertEquals(0x0102, header.flags());
    }

    @Test
    void malformed_truncatedHeader_isRejected() {
        ByteBuffer buffer = Frames.buffer(15);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> new FrameHeader().read(buffer, 0));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void malformed_wrongMagic_isRejected() {
        ByteBuffer buffer = Frames.buffer(16);
        FrameHeader.write(buffer, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_CALL, 0, 0);
        buffer.put(0, (byte) 'X');
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> new FrameHeader().read(buffer, 0));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void malformed_futureMajorVersion_isRejectedAfterHandshake() throws Exception {
        ByteBuffer buffer = Frames.buffer(16);
        FrameHeader.write(buffer, 0, ProtocolVersion.of(2, 0), 0, WireProtocol.TYPE_CALL, 0, 0);
        FrameHeader header = new FrameHeader();
        header.read(buffer, 0);
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> header.requireNegotiated(WireProtocol.V1_0, 1 << 20));
        assertTrue(e.getMessage().contains("2.0") && e.getMessage().contains("1.0"), e.getMessage());
    }

    @Test
    void malformed_nonZeroReserved_isRejectedAfterHandshake() throws Exception {
        ByteBuffer buffer = Frames.buffer(16);
        FrameHeader.write(buffer, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_CALL, 0, 0);
        buffer.put(10, (byte) 1);
        FrameHeader header = new FrameHeader();
        header.read(buffer, 0);
        assertThrows(MalformedFrameException.class, () -> header.requireNegotiated(WireProtocol.CURRENT, 1 << 20));
    }

    @Test
    void malformed_payloadOverTheLimit_isRejected_includingAnUnsigned4GiBClaim() throws Exception {
        ByteBuffer buffer = Frames.buffer(16);
        FrameHeader.write(buffer, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_CALL, 0, 0);
        LittleEndian.put32(buffer, 12, -1); // 4 GiB - 1 as unsigned
        FrameHeader header = new FrameHeader();
        header.read(buffer, 0);
        assertEquals(0xFFFF_FFFFL, header.payloadLength(), "lengths are unsigned, never negative");
        assertThrows(MalformedFrameException.class,
                () -> header.requireNegotiated(WireProtocol.CURRENT, WireProtocol.MAX_FRAME_CEILING));
    }

    @Test
    void malformed_errorFrameOverTheControlLimit_isRejected() throws Exception {
        ByteBuffer buffer = Frames.buffer(16);
        FrameHeader.write(buffer, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_ERROR, 0,
                WireProtocol.MAX_CONTROL_PAYLOAD + 1);
        FrameHeader header = new FrameHeader();
        header.read(buffer, 0);
        assertThrows(MalformedFrameException.class,
                () -> header.requireNegotiated(WireProtocol.CURRENT, WireProtocol.MAX_FRAME_CEILING));
    }

    @Test
    void handshake_acceptsAnyVersion_butOnlyTheExpectedTypeAndSize() throws Exception {
        ByteBuffer buffer = Frames.buffer(16);
        FrameHeader.write(buffer, 0, ProtocolVersion.of(7, 3), 0, WireProtocol.TYPE_HELLO, 0, 16);
        FrameHeader header = new FrameHeader();
        header.read(buffer, 0);
        header.requireHandshake(WireProtocol.TYPE_HELLO);
        assertThrows(MalformedFrameException.class, () -> header.requireHandshake(WireProtocol.TYPE_HELLO_REPLY));
        LittleEndian.put32(buffer, 12, WireProtocol.MAX_CONTROL_PAYLOAD + 1);
        header.read(buffer, 0);
        assertThrows(MalformedFrameException.class, () -> header.requireHandshake(WireProtocol.TYPE_HELLO));
    }

    @Test
    void architecture_knowsCommonOsArchNames() {
        assertEquals(Architecture.X86_64, Architecture.fromOsArch("amd64"));
        assertEquals(Architecture.AARCH64, Architecture.fromOsArch("aarch64"));
        assertEquals(Architecture.X86, Architecture.fromOsArch("i386"));
        assertEquals(Architecture.UNKNOWN, Architecture.fromOsArch("vax"));
    }
}

package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeCodecTest {
    private static final VersionRange V1_TO_V1_3 = VersionRange.of(ProtocolVersion.of(1, 0), ProtocolVersion.of(1, 3));

    private static FrameHeader readHeader(ByteBuffer frame) throws MalformedFrameException {
        FrameHeader header = new FrameHeader();
        header.read(frame, 0);
        return header;
    }

    @Test
    void hello_roundTrip() throws Exception {
        HelloMessage hello = new HelloMessage(V1_TO_V1_3, 1 << 20, WireProtocol.FEATURE_SHARED_MEMORY);
        ByteBuffer frame = Frames.buffer(hello.frameSize());
        assertEquals(32, hello.encode(frame, 0, Architecture.X86_64));
        FrameHeader header = readHeader(frame);
        assertEquals(1, header.major());
        assertEquals(3, header.minor(), "the header carries the highest version");
        HelloMessage read = HelloMessage.decode(header, frame, WireProtocol.HEADER_SIZE);
        assertEquals(V1_TO_V1_3, read.versions());
        assertEquals(1 << 20, read.maxFrame());
        assertEquals(WireProtocol.FEATURE_SHARED_MEMORY, read.features());
    }

    @Test
    void hello_fromALaterVersionWithALongerPayload_isStillReadable() throws Exception {
        ByteBuffer frame = Frames.buffer(16 + 40);
        FrameHeader.write(frame, 0, ProtocolVersion.of(3, 1), 0, WireProtocol.TYPE_HELLO, 0x8000, 40);
        frame.put(16, (byte) 2).put(17, (byte) 0);
        frame.put(18, (byte) 0x55); // a reserved field a later version uses: ignored
        LittleEndian.put32(frame, 20, 1 << 20);
        FrameHeader header = readHeader(frame);
        HelloMessage read = HelloMessage.decode(header, frame, 16);
        assertEquals("2.0..3.1", read.versions().toString());
    }

    @Test
    void hello_malformed_shortPayload_inconsistentRange_tinyFrame() throws Exception {
        ByteBuffer frame = Frames.buffer(32);
        new HelloMessage(V1_TO_V1_3, 1 << 20, 0).encode(frame, 0, 0);

        LittleEndian.put32(frame, 12, 15);
        assertThrows(MalformedFrameException.class, () -> HelloMessage.decode(readHeader(frame), frame, 16));
        LittleEndian.put32(frame, 12, 16);

        frame.put(16, (byte) 2); // lowest 2.0 above highest 1.3
        assertThrows(MalformedFrameException.class, () -> HelloMessage.decode(readHeader(frame), frame, 16));
        frame.put(16, (byte) 1);

        LittleEndian.put32(frame, 20, WireProtocol.MIN_FRAME_LIMIT - 1);
        assertThrows(MalformedFrameException.class, () -> HelloMessage.decode(readHeader(frame), frame, 16));
    }

    @Test
    void helloReply_accepted_roundTrip() throws Exception {
        HelloReplyMessage reply = HelloReplyMessage.accepted(ProtocolVersion.of(1, 2), V1_TO_V1_3, 1 << 24, 0, 4096);
        ByteBuffer frame = Frames.buffer(reply.frameSize());
        assertEquals(48, reply.encode(frame, 0, Architecture.X86_64));
        HelloReplyMessage read = HelloReplyMessage.decode(readHeader(frame), frame, 16);
        assertEquals(WireProtocol.HELLO_ACCEPTED, read.result());
        assertEquals(Optional.of(ProtocolVersion.of(1, 2)), read.acceptedVersion());
        assertEquals(V1_TO_V1_3, read.serviceVersions());
        assertEquals(1 << 24, read.maxFrame());
        assertEquals(4096, read.maxBufferBytes());
    }

    @Test
    void helloReply_versionUnsupported_carriesTheServiceRange() throws Exception {
        VersionRange service = VersionRange.of(ProtocolVersion.of(2, 0), ProtocolVersion.of(2, 5));
        HelloReplyMessage reply = HelloReplyMessage.versionUnsupported(service, 1 << 20, 100);
        ByteBuffer frame = Frames.buffer(reply.frameSize());
        reply.encode(frame, 0, 0);
        HelloReplyMessage read = HelloReplyMessage.decode(readHeader(frame), frame, 16);
        assertEquals(WireProtocol.HELLO_VERSION_UNSUPPORTED, read.result());
        assertEquals(Optional.empty(), read.acceptedVersion());
        assertEquals(service, read.serviceVersions());
    }

    @Test
    void helloReply_malformed_unknownResult_acceptedOutsideRange_negativeLimit() throws Exception {
        HelloReplyMessage reply = HelloReplyMessage.accepted(ProtocolVersion.of(1, 0), V1_TO_V1_3, 1 << 20, 0, 4096);
        ByteBuffer frame = Frames.buffer(reply.frameSize());
        reply.encode(frame, 0, 0);

        frame.put(16, (byte) 9);
        assertThrows(MalformedFrameException.class, () -> HelloReplyMessage.decode(readHeader(frame), frame, 16));
        frame.put(16, (byte) 0);

        frame.put(17, (byte) 4); // accepts 4.0, outside 1.0..1.3
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> HelloReplyMessage.decode(readHeader(frame), frame, 16));
        assertTrue(e.getMessage().contains("4.0"), e.getMessage());
        frame.put(17, (byte) 1);

        LittleEndian.put64(frame, 16 + 24, -1L);
        assertThrows(MalformedFrameException.class, () -> HelloReplyMessage.decode(readHeader(frame), frame, 16));
        LittleEndian.put64(frame, 16 + 24, 4096);

        LittleEndian.put32(frame, 12, HelloReplyMessage.PAYLOAD_SIZE - 1);
        assertThrows(MalformedFrameException.class, () -> HelloReplyMessage.decode(readHeader(frame), frame, 16));
    }

    @Test
    void negotiation_picksTheHighestCommonVersion_orNone() {
        VersionRange client = VersionRange.of(ProtocolVersion.of(1, 0), ProtocolVersion.of(2, 1));
        assertEquals(Optional.of(ProtocolVersion.of(1, 3)), client.highestCommon(V1_TO_V1_3));
        assertEquals(Optional.of(ProtocolVersion.of(1, 3)), V1_TO_V1_3.highestCommon(client));
        VersionRange future = VersionRange.only(ProtocolVersion.of(2, 0));
        assertEquals(Optional.empty(), V1_TO_V1_3.highestCommon(future));
        assertEquals(Optional.of(WireProtocol.CURRENT), WireProtocol.SUPPORTED.highestCommon(WireProtocol.SUPPORTED));
    }

    @Test
    void errorMessage_roundTrip_andTruncatesLongMessagesOnACharacterBoundary() throws Exception {
        ErrorMessage error = new ErrorMessage(0xC00000F0, "signature différente");
        ByteBuffer frame = Frames.buffer(error.frameSize());
        error.encode(frame, 0, WireProtocol.CURRENT, 0);
        ErrorMessage read = ErrorMessage.decode(Frames.header(frame), frame, 16);
        assertEquals(0xC00000F0, read.status());
        assertEquals("signature différente", read.message());

        String longText = "é".repeat(WireProtocol.MAX_ERROR_MESSAGE_BYTES); // 2 bytes each
        ErrorMessage big = new ErrorMessage(0xC0000001, longText);
        ByteBuffer bigFrame = Frames.buffer(big.frameSize());
        big.encode(bigFrame, 0, WireProtocol.CURRENT, 0);
        ErrorMessage readBig = ErrorMessage.decode(Frames.header(bigFrame), bigFrame, 16);
        assertEquals(WireProtocol.MAX_ERROR_MESSAGE_BYTES / 2, readBig.message().length());
    }

    @Test
    void errorMessage_malformed_lengthsThatLie_overLimit_successStatus_badUtf8() throws Exception {
        ErrorMessage error = new ErrorMessage(0xC0000001, "abc");
        ByteBuffer frame = Frames.buffer(error.frameSize());
        error.encode(frame, 0, WireProtocol.CURRENT, 0);

        LittleEndian.put32(frame, 20, 4); // says 4 bytes, payload holds 3
        assertThrows(MalformedFrameException.class, () -> ErrorMessage.decode(Frames.header(frame), frame, 16));
        LittleEndian.put32(frame, 20, 2); // says 2 bytes, payload holds 3
        assertThrows(MalformedFrameException.class, () -> ErrorMessage.decode(Frames.header(frame), frame, 16));
        LittleEndian.put32(frame, 20, -1); // 4 GiB - 1
        assertThrows(MalformedFrameException.class, () -> ErrorMessage.decode(Frames.header(frame), frame, 16));
        LittleEndian.put32(frame, 20, 3);

        frame.put(24, (byte) 0xFF);
        assertThrows(MalformedFrameException.class, () -> ErrorMessage.decode(Frames.header(frame), frame, 16));
        frame.put(24, (byte) 'a');

        LittleEndian.put32(frame, 16, 0);
        assertThrows(MalformedFrameException.class, () -> ErrorMessage.decode(Frames.header(frame), frame, 16));
    }
}

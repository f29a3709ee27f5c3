package dev.servicecall.protocol.wire;

import dev.servicecall.spi.CallRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Helpers to build and tamper with frames in tests. */
final class Frames {
    private Frames() {
    }

    static ByteBuffer buffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The encoded CALL frame for {@code request}, exactly sized. */
    static ByteBuffer call(CallRequest request, boolean omit) {
        ByteBuffer frame = buffer((int) CallCodec.frameSize(request, omit));
        int length = CallCodec.encode(frame, 0, WireProtocol.CURRENT, Architecture.current(), request, omit);
        return frame.limit(length);
    }

    /** Reads the header of {@code frame} and checks it as a negotiated 1.0 frame. */
    static FrameHeader header(ByteBuffer frame) throws MalformedFrameException {
        FrameHeader header = new FrameHeader();
        header.read(frame, 0);
        header.requireNegotiated(WireProtocol.CURRENT, WireProtocol.MAX_FRAME_CEILING);
        return header;
    }

    /** Decodes a CALL frame fully; returns the decoder. */
    static CallDecoder decodeCall(ByteBuffer frame) throws MalformedFrameException {
        CallDecoder decoder = new CallDecoder();
        decoder.readPrefix(header(frame), frame, WireProtocol.HEADER_SIZE);
        decoder.readParameters();
        return decoder;
    }

    /** Overwrites the payload length in a frame's header. */
    static void setPayloadLength(ByteBuffer frame, long length) {
        LittleEndian.put32(frame, 12, (int) length);
    }

    static CallRequest request(String name, byte[] signature, long[] values, ByteBuffer[] buffers) {
        return new CallRequest(name, signature, values, buffers, 0);
    }
}

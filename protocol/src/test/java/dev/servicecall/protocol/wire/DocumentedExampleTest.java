package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicecall.spi.CallRequest;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The example of section 9 of docs/wire-protocol.md, byte for byte. */
class DocumentedExampleTest {
    private static String hex(ByteBuffer frame, int length) {
        byte[] bytes = new byte[length];
        frame.get(0, bytes);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void serverPlusInt_callAndReply() {
        byte[] signature = {(byte) 0x84, (byte) 0x84, 0x40};
        CallRequest request = new CallRequest("ServerPlusInt", signature, new long[] {1, 1, 0},
                new ByteBuffer[] {null, null, ByteBuffer.allocate(4)}, 0);
        ByteBuffer call = Frames.buffer(128);
        int callLength = CallCodec.encode(call, 0, WireProtocol.V1_0, Architecture.X86_64, request, false);
        assertEquals("53 43 57 50 01 00 02 03 00 00 00 00 38 00 00 00"
                + " 0d 03 00 00 53 65 72 76 65 72 50 6c 75 73 49 6e 74 84 84 40 00 00 00 00"
                + " 01 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00", hex(call, callLength));

        ByteBuffer result = ByteBuffer.allocate(4);
        result.put(0, (byte) 2);
        ByteBuffer reply = Frames.buffer(128);
        int replyLength = ReplyCodec.encode(reply, 0, WireProtocol.V1_0, Architecture.X86_64, 0, 0,
                new ByteBuffer[] {null, null, result}, 3);
        assertEquals("53 43 57 50 01 00 02 04 00 00 00 00 20 00 00 00"
                + " 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00"
                + " 04 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00", hex(reply, replyLength));
    }
}

package dev.servicecall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.MalformedFrameException;
import dev.servicecall.protocol.wire.WireProtocol;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FrameChannelTest {
    private static ByteBuffer errorFrame(String text) {
        ErrorMessage error = new ErrorMessage(0xC0000001, text);
        ByteBuffer frame = ByteBuffer.allocate(error.frameSize()).order(ByteOrder.LITTLE_ENDIAN);
        error.encode(frame, 0, WireProtocol.CURRENT, 0);
        return frame;
    }

    private static ByteBuffer header(long payloadLength) {
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        FrameHeader.write(header, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_CALL, 0, 0);
        header.putInt(12, (int) payloadLength);
        return header;
    }

    @Test
    void readFrame_assemblesAFrameSplitAcrossReads() throws Exception {
        ByteBuffer frame = errorFrame("hello");
        ScriptedConnection connection = new ScriptedConnection();
        for (int i = 0; i < frame.limit(); i += 3) {
            connection.add(frame.duplicate().position(i).limit(Math.min(frame.limit(), i + 3)));
        }
        FrameChannel channel = new FrameChannel(connection);
        assertTrue(channel.readFrame(WireProtocol.MAX_CONTROL_PAYLOAD, 0));
        assertEquals("hello", ErrorMessage.decode(channel.header(), channel.in(), 16).message());
    }

    @Test
    void readFrame_keepsBytesSentAheadForTheNextFrame() throws Exception {
        ByteBuffer both = ByteBuffer.allocate(100);
        both.put(errorFrame("one")).put(errorFrame("two")).flip();
        FrameChannel channel = new FrameChannel(new ScriptedConnection().add(both).endOfStream());
        assertTrue(channel.readFrame(1000, 0));
        assertEquals("one", ErrorMessage.decode(channel.header(), channel.in(), 16).message());
        assertTrue(channel.readFrame(1000, 0));
        assertEquals("two", ErrorMessage.decode(channel.header(), channel.in(), 16).message());
        assertFalse(channel.readFrame(1000, 0), "clean end of stream between frames");
    }

    @Test
    void readFrame_payloadOverTheLimit_isRejectedBeforeTheBufferGrows() throws Exception {
        FrameChannel channel = new FrameChannel(new ScriptedConnection().add(header(0xFFFF_FFFFL)));
        int before = channel.in().capacity();
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> channel.readFrame(WireProtocol.MAX_FRAME_CEILING, 0));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        assertEquals(before, channel.in().capacity(), "nothing allocated for a 4 GiB claim");
    }

    @Test
    void readFrame_truncatedHeaderOrPayload_isAnEndOfStreamInsideAFrame() {
        ByteBuffer frame = errorFrame("cut");
        FrameChannel truncatedHeader = new FrameChannel(new ScriptedConnection()
                .add(frame.duplicate().limit(10)).endOfStream());
        assertThrows(EOFException.class, () -> truncatedHeader.readFrame(1000, 0));
        FrameChannel truncatedPayload = new FrameChannel(new ScriptedConnection()
                .add(frame.duplicate().limit(frame.limit() - 1)).endOfStream());
        assertThrows(EOFException.class, () -> truncatedPayload.readFrame(1000, 0));
    }

    @Test
    void readFrame_wrongMagic_isMalformed() {
        ByteBuffer frame = errorFrame("x");
        frame.put(1, (byte) 'Z');
        FrameChannel channel = new FrameChannel(new ScriptedConnection().add(frame));
        assertThrows(MalformedFrameException.class, () -> channel.readFrame(1000, 0));
    }

    @Test
    void readFrame_deadlinePassed_isReportedAsSuch() {
        FrameChannel channel = new FrameChannel(new ScriptedConnection());
        assertThrows(DeadlineExceededException.class, () -> channel.readFrame(1000, System.nanoTime() + 1000));
    }

    @Test
    void buffers_growForALargeFrame_andFallBackAfterwards() throws Exception {
        int payload = FrameChannel.RETAINED_CAPACITY + 8;
        ByteBuffer big = ByteBuffer.allocate(16 + payload).order(ByteOrder.LITTLE_ENDIAN);
        big.put(0, header(payload), 0, 16);
        FrameChannel channel = new FrameChannel(new ScriptedConnection().add(big));
        assertTrue(channel.readFrame(WireProtocol.MAX_FRAME_CEILING, 0));
        assertTrue(channel.in().capacity() >= 16 + payload);
        assertTrue(channel.in().isDirect());
        channel.trim();
        assertEquals(FrameChannel.INITIAL_CAPACITY, channel.in().capacity());
    }

    @Test
    void buffers_areReusedBetweenFrames() throws Exception {
        FrameChannel channel = new FrameChannel(new ScriptedConnection().add(errorFrame("a")).add(errorFrame("b")));
        channel.readFrame(1000, 0);
        ByteBuffer first = channel.in();
        ByteBuffer out = channel.out(100);
        channel.readFrame(1000, 0);
        channel.trim();
        assertTrue(first == channel.in() && out == channel.out(100), "same buffers for every frame");
    }
}

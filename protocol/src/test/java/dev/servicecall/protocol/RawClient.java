package dev.servicecall.protocol;

import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.HelloMessage;
import dev.servicecall.protocol.wire.HelloReplyMessage;
import dev.servicecall.protocol.wire.MalformedFrameException;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.StatusException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/** A hand-driven client connection for tests that send frames a real client never would. */
final class RawClient implements AutoCloseable {
    private static final long WAIT = TimeUnit.SECONDS.toNanos(5);

    final FrameChannel channel;

    RawClient(OsBackend backend, String name) throws StatusException {
        channel = new FrameChannel(backend.connect(name, 0));
    }

    /** Sends HELLO for {@code versions} and returns the reply. */
    HelloReplyMessage hello(VersionRange versions) throws IOException, MalformedFrameException {
        HelloMessage hello = new HelloMessage(versions, WireProtocol.MAX_FRAME_CEILING, 0);
        ByteBuffer out = channel.out(hello.frameSize());
        channel.writeFrame(hello.encode(out, 0, Architecture.current()));
        if (!readFrame()) {
            throw new IOException("closed before HELLO_REPLY");
        }
        return HelloReplyMessage.decode(channel.header(), channel.in(), 16);
    }

    /** Sends raw bytes. */
    void send(ByteBuffer bytes) throws IOException {
        channel.connection().write(bytes.duplicate());
    }

    /** Reads the next frame within 5 s; false at end of stream. */
    boolean readFrame() throws IOException, MalformedFrameException {
        return channel.readFrame(WireProtocol.MAX_FRAME_CEILING, System.nanoTime() + WAIT);
    }

    /** The ERROR in the buffer. */
    ErrorMessage error() throws MalformedFrameException {
        return ErrorMessage.decode(channel.header(), channel.in(), 16);
    }

    /**
     * Reads until the service closes the connection, within 5 s.
     *
     * @return the number of frames read before the end
     */
    int framesUntilClosed() throws IOException, MalformedFrameException {
        int frames = 0;
        while (readFrame()) {
            frames++;
        }
        return frames;
    }

    @Override
    public void close() {
        channel.close();
    }
}

package dev.servicecall.protocol;

import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.HelloMessage;
import dev.servicecall.protocol.wire.HelloReplyMessage;
import dev.servicecall.protocol.wire.WireProtocol;
import java.nio.ByteBuffer;

/**
 * A misbehaving service for client-side tests: accepts one connection, answers HELLO correctly,
 * reads one CALL, then lets {@link Answer} write whatever bytes it likes and closes.
 */
final class FakeService implements AutoCloseable {
    /** Writes the answer to the CALL held in the channel. */
    @FunctionalInterface
    interface Answer {
        void write(FrameChannel channel) throws Exception;
    }

    private final ServerEndpoint endpoint;
    private final Thread thread;
    private volatile Throwable failure;

    FakeService(OsBackend backend, String name, Answer answer) throws Exception {
        endpoint = backend.bind(name);
        thread = new Thread(() -> {
            try (var connection = endpoint.accept()) {
                FrameChannel channel = new FrameChannel(connection);
                channel.readFrame(WireProtocol.MAX_CONTROL_PAYLOAD, 0);
                HelloMessage.decode(channel.header(), channel.in(), 16);
                HelloReplyMessage reply = HelloReplyMessage.accepted(WireProtocol.CURRENT, WireProtocol.SUPPORTED,
                        WireProtocol.MIN_FRAME_LIMIT, 0, 1 << 16);
                channel.writeFrame(reply.encode(channel.out(reply.frameSize()), 0, Architecture.current()));
                if (channel.readFrame(WireProtocol.MAX_FRAME_CEILING, 0)) {
                    answer.write(channel);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }, "fake-service-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Sends raw bytes from a heap buffer. */
    static void send(FrameChannel channel, ByteBuffer bytes) throws Exception {
        channel.connection().write(bytes.duplicate());
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        endpoint.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

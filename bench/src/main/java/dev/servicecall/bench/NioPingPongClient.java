package dev.servicecall.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The client side of the NIO baseline: one blocking connection, its buffers allocated once.
 * Buffers travel from the caller's {@code byte[]} (the JDK copies heap buffers through its own
 * cached direct buffer, as a transport must copy into native memory).
 *
 * <p>Not thread-safe: one per client thread.
 */
final class NioPingPongClient implements BenchClient {
    private final SocketChannel channel;
    private final ByteBuffer nullRequest = NioFrames.direct(NioFrames.NULL_REQUEST_BYTES);
    private final ByteBuffer nullReply = NioFrames.direct(NioFrames.NULL_REPLY_BYTES);
    private final ByteBuffer echoHeader = NioFrames.direct(NioFrames.HEADER_BYTES);
    private final ByteBuffer[] echoRequest = new ByteBuffer[2];
    private byte[] wrappedArray;
    private ByteBuffer wrapped;

    NioPingPongClient(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        nullRequest.putInt(0, NioFrames.OP_NULL);
        nullRequest.putInt(4, NioFrames.NULL_REQUEST_BYTES - NioFrames.HEADER_BYTES);
        nullRequest.putInt(8, BenchRoutines.NULL_A);
        nullRequest.putInt(12, BenchRoutines.NULL_B);
        echoHeader.putInt(0, NioFrames.OP_ECHO);
        echoRequest[0] = echoHeader;
    }

    @Override
    public int nullCall() throws IOException {
        nullRequest.clear();
        NioFrames.writeFully(channel, nullRequest);
        nullReply.clear();
        NioFrames.readFully(channel, nullReply);
        return nullReply.getInt(0);
    }

    @Override
    public byte[] echo(byte[] data) throws IOException {
        if (wrappedArray != data) {
            wrappedArray = data;
            wrapped = ByteBuffer.wrap(data);
        }
        echoHeader.clear();
        echoHeader.putInt(4, data.length);
        wrapped.clear();
        echoRequest[1] = wrapped;
        NioFrames.writeFully(channel, echoRequest);
        wrapped.clear();
        NioFrames.readFully(channel, wrapped);
        return data;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

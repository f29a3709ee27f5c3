package dev.servicecall.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * The tiny protocol of the NIO baseline: the least a socket-based call needs, nothing more.
 *
 * <p>A request is an 8-byte header ({@code int op, int length}, little-endian) and then its body.
 * A null call's request is {@link #NULL_REQUEST_BYTES} long in all (header, the two operands,
 * padding) and its reply {@link #NULL_REPLY_BYTES} (the status, padding): the sizes of a
 * ServiceCall CALL and REPLY frame for the null routine, so the baseline moves as many bytes as
 * the transports do. An echo request's body is the N bytes of the buffer; the reply is the N
 * transformed bytes.
 */
final class NioFrames {
    /** Operation code of a null call. */
    static final int OP_NULL = 1;
    /** Operation code of an echo. */
    static final int OP_ECHO = 2;
    /** Size of the request header. */
    static final int HEADER_BYTES = 8;
    /**
     * Size of a whole null request: the ServiceCall 1.0 CALL frame for {@code BenchNull(DWORD, DWORD)}
     * (16-byte header; name length, count, reserved, the 9-byte name and 2 masks padded to 16;
     * two 8-byte value slots).
     */
    static final int NULL_REQUEST_BYTES = 48;
    /** Size of a null reply: the ServiceCall 1.0 REPLY frame (16-byte header, two statuses, count, reserved). */
    static final int NULL_REPLY_BYTES = 32;

    private NioFrames() {
    }

    /** A direct little-endian buffer of {@code capacity} bytes. */
    static ByteBuffer direct(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads until {@code buffer} is full. @throws EOFException when the peer closes first */
    static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("peer closed the connection with " + buffer.remaining() + " bytes missing");
            }
        }
    }

    /** Writes all of {@code buffer}. */
    static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Writes all of {@code buffers}, in order. */
    static void writeFully(SocketChannel channel, ByteBuffer[] buffers) throws IOException {
        ByteBuffer last = buffers[buffers.length - 1];
        while (last.hasRemaining()) {
            channel.write(buffers);
        }
    }
}

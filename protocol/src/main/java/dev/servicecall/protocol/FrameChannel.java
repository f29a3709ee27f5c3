package dev.servicecall.protocol;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.MalformedFrameException;
import dev.servicecall.protocol.wire.WireProtocol;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Frames over one {@link Connection}, with the connection's two reusable direct buffers: one for
 * frames read ({@link #in()}) and one for frames written ({@link #out()}). Buffers grow when a
 * frame needs more room (never beyond {@link WireProtocol#MAX_FRAME_CEILING} plus the header) and
 * fall back to their initial size after a frame larger than {@link #RETAINED_CAPACITY}, so an
 * idle pooled connection does not pin a large buffer.
 *
 * <p>One thread reads and one thread writes at a time (as {@link Connection} allows);
 * {@link #close()} may be called from any thread.
 */
final class FrameChannel implements AutoCloseable {
    /** Capacity of a new buffer. */
    static final int INITIAL_CAPACITY = 16 << 10;
    /** Largest capacity kept between frames. */
    static final int RETAINED_CAPACITY = 16 << 20;

    private final Connection connection;
    private final FrameHeader header = new FrameHeader();
    private ByteBuffer in = allocate(INITIAL_CAPACITY);
    private ByteBuffer out = allocate(INITIAL_CAPACITY);
    /** Bytes read into {@link #in} so far, from index 0. */
    private int filled;
    /** Length of the frame at the start of {@link #in}, 0 when none is held. */
    private int frameLength;

    FrameChannel(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** The header of the last frame read. */
    FrameHeader header() {
        return header;
    }

    /** The buffer holding the last frame read: header at 0, payload at {@link WireProtocol#HEADER_SIZE}. */
    ByteBuffer in() {
        return in;
    }

    /**
     * The buffer to encode the next frame into, at index 0, with room for at least
     * {@code frameSize} bytes.
     *
     * @throws IOException when the buffer cannot be allocated
     */
    ByteBuffer out(long frameSize) throws IOException {
        out = ensure(out, frameSize);
        out.clear(); // absolute writes are checked against the limit
        return out;
    }

    /**
     * Reads one frame into {@link #in()} and its header into {@link #header()}. The payload length
     * is checked against {@link FrameHeader#payloadLimit(int)} (control messages at most 4 KiB)
     * before the buffer grows for it.
     *
     * @param maxPayload the largest CALL or REPLY payload accepted
     * @param deadline a {@link System#nanoTime()} deadline, or 0 to wait without limit
     * @return false at a clean end of stream before the first byte of a frame
     * @throws MalformedFrameException for a bad header or a payload over the limit
     * @throws DeadlineExceededException when {@code deadline} passed
     * @throws EOFException when the stream ends inside a frame
     * @throws IOException when the connection fails
     */
    boolean readFrame(int maxPayload, long deadline) throws IOException, MalformedFrameException {
        discardFrame();
        if (!fill(WireProtocol.HEADER_SIZE, deadline, true)) {
            return false;
        }
        header.read(in, 0);
        long payload = header.payloadLength();
        long limit = header.payloadLimit(maxPayload);
        if (payload > limit) {
            throw new MalformedFrameException(WireProtocol.typeName(header.type()) + " payload of " + payload
                    + " bytes exceeds the limit of " + limit);
        }
        int frame = (int) (WireProtocol.HEADER_SIZE + payload);
        if (frame > in.capacity()) {
            ByteBuffer bigger = ensure(in, frame);
            bigger.put(0, in, 0, filled);
            in = bigger;
        }
        fill(frame, deadline, false);
        frameLength = frame;
        in.limit(frame).position(0);
        return true;
    }

    /** Moves bytes read beyond the last frame (a peer that sent ahead) to the start of the buffer. */
    private void discardFrame() {
        if (frameLength > 0) {
            int extra = filled - frameLength;
            if (extra > 0) {
                in.limit(filled);
                in.put(0, in, frameLength, extra);
            }
            filled = extra;
            frameLength = 0;
        }
    }

    /**
     * Reads until at least {@code needed} bytes are in {@link #in}, reading as much as is available
     * (usually the whole frame in one read).
     *
     * @return false at end of stream with nothing buffered, when {@code endAllowed}
     */
    private boolean fill(int needed, long deadline, boolean endAllowed) throws IOException {
        while (filled < needed) {
            if (deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !connection.awaitReadable(left)) {
                    throw new DeadlineExceededException("no reply before the deadline");
                }
            }
            in.limit(in.capacity()).position(filled);
            int n = connection.read(in);
            if (n < 0) {
                if (filled == 0 && endAllowed) {
                    return false;
                }
                throw new EOFException("the peer closed the connection inside a frame (" + filled + " of "
                        + needed + " bytes)");
            }
            filled += n;
        }
        return true;
    }

    /**
     * Writes {@code length} bytes of {@link #out(long)} from index 0.
     *
     * @throws IOException when the connection fails
     */
    void writeFrame(int length) throws IOException {
        out.clear().limit(length);
        connection.write(out);
    }

    /** Drops buffers that grew past {@link #RETAINED_CAPACITY} (called between calls). */
    void trim() {
        if (in.capacity() > RETAINED_CAPACITY && filled <= frameLength) {
            filled = 0;
            frameLength = 0;
            in = allocate(INITIAL_CAPACITY);
        }
        if (out.capacity() > RETAINED_CAPACITY) {
            out = allocate(INITIAL_CAPACITY);
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    private static ByteBuffer ensure(ByteBuffer buffer, long size) throws IOException {
        if (size <= buffer.capacity()) {
            return buffer;
        }
        long ceiling = (long) WireProtocol.HEADER_SIZE + WireProtocol.MAX_FRAME_CEILING;
        if (size > ceiling) {
            throw new IOException("a frame of " + size + " bytes exceeds the ceiling of " + ceiling);
        }
        long grown = Math.min(ceiling, Math.max(size, 2L * buffer.capacity()));
        try {
            return allocate((int) grown);
        } catch (OutOfMemoryError e) {
            try {
                return allocate((int) size);
            } catch (OutOfMemoryError again) {
                throw new IOException("cannot allocate a " + size + "-byte frame buffer: " + again.getMessage());
            }
        }
    }

    private static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}

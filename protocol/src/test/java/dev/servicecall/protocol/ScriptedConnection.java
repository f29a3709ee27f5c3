package dev.servicecall.protocol;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.spi.CallerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.OptionalLong;

/**
 * A {@link Connection} for unit tests: reads return the scripted chunks one by one (at most one
 * chunk per read, to exercise frames split across reads), then end of stream when
 * {@link #endOfStream} was set, else report "not readable" to {@link #awaitReadable}. Writes are
 * collected. Single-threaded.
 */
final class ScriptedConnection implements Connection {
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean endOfStream;
    private boolean closed;

    ScriptedConnection add(ByteBuffer chunk) {
        chunks.add(chunk.duplicate());
        return this;
    }

    ScriptedConnection endOfStream() {
        endOfStream = true;
        return this;
    }

    byte[] written() {
        return written.toByteArray();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void write(ByteBuffer source) {
        while (source.hasRemaining()) {
            written.write(source.get());
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        ByteBuffer chunk = chunks.peek();
        if (chunk == null) {
            if (endOfStream) {
                return -1;
            }
            throw new IOException("the script would block here: nothing to read");
        }
        int n = Math.min(chunk.remaining(), target.remaining());
        ByteBuffer part = chunk.duplicate();
        part.limit(part.position() + n);
        target.put(part);
        chunk.position(chunk.position() + n);
        if (!chunk.hasRemaining()) {
            chunks.poll();
        }
        return n;
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) {
        return !chunks.isEmpty() || endOfStream;
    }

    @Override
    public CallerIdentity peer() {
        return new CallerIdentity(1, OptionalLong.empty());
    }

    @Override
    public void close() {
        closed = true;
    }
}

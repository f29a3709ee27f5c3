package dev.servicecall.protocol.jdk;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.spi.CallerIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A connected AF_UNIX socket in non-blocking mode, with one selector for waiting to read and one
 * for waiting to write, so that {@link #awaitReadable} can time out and a reader and a writer can
 * wait at once. {@link #close()} wakes both.
 */
final class JdkConnection implements Connection {
    private static final CallerIdentity SELF = CallerIdentity.currentProcess(OptionalLong.empty());

    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;
    private volatile boolean closed;

    JdkConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.readable = Selector.open();
        this.writable = Selector.open();
        channel.register(readable, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
        while (source.hasRemaining()) {
            ensureOpen();
            if (channel.write(source) == 0) {
                waitOn(writable, 0);
            }
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        while (true) {
            ensureOpen();
            int n = channel.read(target);
            if (n != 0 || !target.hasRemaining()) {
                return n;
            }
            waitOn(readable, 0);
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        ensureOpen();
        if (timeoutNanos == 0) {
            return waitOn(readable, -1);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (waitOn(readable, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)))) {
                return true;
            }
            ensureOpen();
        }
    }

    /** @param millis 0 waits without limit, -1 does not wait */
    private boolean waitOn(Selector selector, long millis) throws IOException {
        try {
            selector.selectedKeys().clear();
            int ready = millis < 0 ? selector.selectNow() : selector.select(millis);
            ensureOpen();
            return ready > 0;
        } catch (ClosedSelectorException e) {
            throw new ClosedChannelException();
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public CallerIdentity peer() {
        return SELF;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        JdkUnixBackend.closeQuietly(channel);
        readable.wakeup();
        writable.wakeup();
        JdkUnixBackend.closeQuietly(readable);
        JdkUnixBackend.closeQuietly(writable);
    }
}

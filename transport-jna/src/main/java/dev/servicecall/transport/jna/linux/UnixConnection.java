package dev.servicecall.transport.jna.linux;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.transport.jna.CloseGuard;
import dev.servicecall.transport.jna.DirectAddresses;
import dev.servicecall.transport.jna.NativeCallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.OptionalLong;

/**
 * A connected {@code AF_UNIX} stream socket.
 *
 * <p>Thread-safety as {@link Connection} requires: one reader (read, awaitReadable) and one writer
 * at a time, {@link #close()} from any thread. Closing shuts the socket down, which wakes a
 * blocked {@code recv}, {@code send} or {@code poll}; they then throw
 * {@link AsynchronousCloseException}, and later calls {@link ClosedChannelException}.
 *
 * <p>Hot path: direct buffers go to {@code recv}/{@code send} by address (cached per buffer);
 * heap buffers pass through a per-direction direct staging buffer allocated once. No allocation
 * per call for a reused buffer.
 */
final class UnixConnection implements Connection {
    private static final int STAGING_SIZE = 64 * 1024;

    private final int fd;
    private final CloseGuard guard;
    private final ByteBuffer pollfd = ByteBuffer.allocateDirect(LinuxConstants.POLLFD_SIZE).order(ByteOrder.nativeOrder());
    private final long pollfdAddress = new DirectAddresses().of(pollfd);
    private final DirectAddresses readAddresses = new DirectAddresses();
    private final DirectAddresses writeAddresses = new DirectAddresses();
    private ByteBuffer readStaging;
    private ByteBuffer writeStaging;
    private volatile CallerIdentity peer;

    UnixConnection(int fd) {
        this.fd = fd;
        this.guard = new CloseGuard(() -> Syscalls.shutdownQuietly(fd), () -> Syscalls.closeQuietly(fd));
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
        guard.enterOrThrow();
        try {
            if (source.isDirect()) {
                long base = writeAddresses.of(source);
                while (source.hasRemaining()) {
                    long sent = Syscalls.send(fd, base + source.position(), source.remaining());
                    source.position(source.position() + (int) sent);
                }
            } else {
                ByteBuffer staging = writeStaging();
                long base = writeAddresses.of(staging);
                while (source.hasRemaining()) {
                    int chunk = Math.min(source.remaining(), staging.capacity());
                    staging.put(0, source, source.position(), chunk);
                    int offset = 0;
                    while (offset < chunk) {
                        offset += (int) Syscalls.send(fd, base + offset, chunk - offset);
                    }
                    source.position(source.position() + chunk);
                }
            }
        } catch (NativeCallException e) {
            throw closedOr(e);
        } finally {
            guard.exit();
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (target.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        guard.enterOrThrow();
        try {
            int wanted = target.remaining();
            if (wanted == 0) {
                return 0;
            }
            long received;
            if (target.isDirect()) {
                received = Syscalls.recv(fd, readAddresses.of(target) + target.position(), wanted);
                guard.throwIfClosed();
                if (received > 0) {
                    target.position(target.position() + (int) received);
                }
            } else {
                ByteBuffer staging = readStaging();
                received = Syscalls.recv(fd, readAddresses.of(staging), Math.min(wanted, staging.capacity()));
                guard.throwIfClosed();
                if (received > 0) {
                    target.put(target.position(), staging, 0, (int) received);
                    target.position(target.position() + (int) received);
                }
            }
            return received == 0 ? -1 : (int) received;
        } catch (NativeCallException e) {
            throw closedOr(e);
        } finally {
            guard.exit();
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        guard.enterOrThrow();
        try {
            pollfd.putInt(0, fd);
            pollfd.putShort(LinuxConstants.POLLFD_OFFSET_EVENTS, (short) LinuxConstants.POLLIN);
            long deadline = System.nanoTime() + timeoutNanos;
            long remaining = Math.max(0, timeoutNanos);
            while (true) {
                pollfd.putShort(LinuxConstants.POLLFD_OFFSET_REVENTS, (short) 0);
                int ready = Syscalls.poll(pollfdAddress, millisRoundedUp(remaining));
                guard.throwIfClosed();
                if (ready > 0) {
                    if ((pollfd.getShort(LinuxConstants.POLLFD_OFFSET_REVENTS) & LinuxConstants.POLLNVAL) != 0) {
                        throw new ClosedChannelException();
                    }
                    return true; // data, end of stream (POLLHUP) or an error that read will report
                }
                remaining = deadline - System.nanoTime();
                if (remaining <= 0 || timeoutNanos <= 0) {
                    return false;
                }
            }
        } catch (NativeCallException e) {
            throw closedOr(e);
        } finally {
            guard.exit();
        }
    }

    /**
     * The client process as {@code SO_PEERCRED} reports it: the pid and uid of the process that
     * called {@code connect}. Read once, then cached.
     */
    @Override
    public CallerIdentity peer() throws IOException {
        CallerIdentity known = peer;
        if (known != null) {
            return known;
        }
        guard.enterOrThrow();
        try {
            int[] credentials = Syscalls.peerCredentials(fd);
            known = new CallerIdentity(credentials[0], OptionalLong.of(Integer.toUnsignedLong(credentials[1])));
            peer = known;
            return known;
        } finally {
            guard.exit();
        }
    }

    @Override
    public void close() {
        guard.close();
    }

    @Override
    public String toString() {
        return "AF_UNIX connection fd " + fd + (guard.isClosed() ? " (closed)" : "");
    }


    private IOException closedOr(NativeCallException failure) {
        if (guard.isClosed()) {
            IOException closed = new AsynchronousCloseException();
            closed.initCause(failure);
            return closed;
        }
        return failure;
    }

    private ByteBuffer readStaging() {
        if (readStaging == null) {
            readStaging = ByteBuffer.allocateDirect(STAGING_SIZE);
        }
        return readStaging;
    }

    private ByteBuffer writeStaging() {
        if (writeStaging == null) {
            writeStaging = ByteBuffer.allocateDirect(STAGING_SIZE);
        }
        return writeStaging;
    }

    private static int millisRoundedUp(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long millis = (nanos + 999_999L) / 1_000_000L;
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }
}

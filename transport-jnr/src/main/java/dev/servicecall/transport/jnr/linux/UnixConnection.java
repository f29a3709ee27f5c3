package dev.servicecall.transport.jnr.linux;

import static dev.servicecall.transport.jnr.linux.LinuxConstants.EINTR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.MSG_NOSIGNAL;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.POLLERR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.POLLHUP;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.POLLIN;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.POLLNVAL;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SOL_SOCKET;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SO_PEERCRED;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.transport.jnr.CloseGuard;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.transport.jnr.linux.Native.LibC;
import dev.servicecall.transport.jnr.linux.NativeStructs.PollFd;
import dev.servicecall.transport.jnr.linux.NativeStructs.Ucred;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Pointer;
import jnr.ffi.Struct;

/**
 * A connected {@code AF_UNIX} stream socket.
 *
 * <p>Direct buffers go straight to {@code send}/{@code recv} by address; heap buffers pass through
 * a direct staging buffer made once per connection and direction. Sends use {@code MSG_NOSIGNAL},
 * so a vanished peer is an {@code EPIPE} exception, never a SIGPIPE. Nothing is allocated per
 * call: the {@code pollfd} is made once per connection, the peer's credentials are read once.
 *
 * <p>Thread-safety as {@link Connection} requires: one reader and one writer at a time;
 * {@link #close()} from any thread wakes both.
 */
final class UnixConnection implements Connection {
    /** Size of the staging buffers used for heap buffers. */
    static final int STAGING_CAPACITY = 64 << 10;

    private final Posix posix;
    private final LibC libc;
    private final int fd;
    private final CloseGuard socket;
    private PollFd pollFd;
    private ByteBuffer readStaging;
    private ByteBuffer writeStaging;
    private volatile CallerIdentity peer;

    UnixConnection(Posix posix, int fd) {
        this.posix = posix;
        this.libc = posix.libc();
        this.fd = fd;
        this.socket = posix.socketGuard(fd);
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
        if (!source.hasRemaining()) {
            return;
        }
        socket.begin();
        try {
            if (source.isDirect()) {
                sendAll(source);
            } else {
                writeHeap(source);
            }
        } finally {
            socket.end();
        }
    }

    private void writeHeap(ByteBuffer source) throws IOException {
        if (writeStaging == null) {
            writeStaging = ByteBuffer.allocateDirect(STAGING_CAPACITY);
        }
        while (source.hasRemaining()) {
            int chunk = Math.min(source.remaining(), writeStaging.capacity());
            writeStaging.clear();
            writeStaging.put(0, source, source.position(), chunk).limit(chunk);
            sendAll(writeStaging);
            source.position(source.position() + chunk);
        }
    }

    private void sendAll(ByteBuffer direct) throws IOException {
        while (direct.hasRemaining()) {
            long sent = libc.send(fd, direct, direct.remaining(), MSG_NOSIGNAL);
            if (sent >= 0) {
                direct.position(direct.position() + (int) sent);
                continue;
            }
            int errno = posix.errno();
            socket.checkNotClosed();
            if (errno != EINTR) {
                throw posix.failure("send", errno, null);
            }
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (!target.hasRemaining()) {
            return 0;
        }
        socket.begin();
        try {
            if (target.isDirect()) {
                return receive(target);
            }
            if (readStaging == null) {
                readStaging = ByteBuffer.allocateDirect(STAGING_CAPACITY);
            }
            readStaging.clear().limit(Math.min(target.remaining(), readStaging.capacity()));
            int n = receive(readStaging);
            if (n > 0) {
                target.put(target.position(), readStaging, 0, n).position(target.position() + n);
            }
            return n;
        } finally {
            socket.end();
        }
    }

    private int receive(ByteBuffer direct) throws IOException {
        while (true) {
            long received = libc.recv(fd, direct, direct.remaining(), 0);
            if (received > 0) {
                direct.position(direct.position() + (int) received);
                return (int) received;
            }
            int errno = received < 0 ? posix.errno() : 0;
            // shutdown(2) from close() makes recv return 0: that is our close, not the peer's.
            socket.checkNotClosed();
            if (received == 0) {
                return -1;
            }
            if (errno != EINTR) {
                throw posix.failure("recv", errno, null);
            }
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        socket.begin();
        try {
            if (pollFd == null) {
                pollFd = NativeStructs.direct(new PollFd(posix.runtime()));
            }
            long start = System.nanoTime();
            long left = Math.max(0, timeoutNanos);
            while (true) {
                pollFd.fd.set(fd);
                pollFd.events.set(POLLIN);
                pollFd.returnedEvents.set((short) 0);
                int ready = libc.poll(pollFd, 1, toPollMillis(left));
                int errno = ready < 0 ? posix.errno() : 0;
                socket.checkNotClosed();
                if (ready > 0) {
                    short events = pollFd.returnedEvents.get();
                    if ((events & POLLNVAL) != 0) {
                        throw posix.failure("poll", LinuxConstants.EINVAL, "descriptor no longer open");
                    }
                    return (events & (POLLIN | POLLHUP | POLLERR)) != 0;
                }
                if (ready < 0 && errno != EINTR) {
                    throw posix.failure("poll", errno, null);
                }
                left = Math.max(0, timeoutNanos) - (System.nanoTime() - start);
                if (left <= 0) {
                    return false;
                }
            }
        } finally {
            socket.end();
        }
    }

    /** Rounds up, so that poll never returns before the time asked for. */
    static int toPollMillis(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }

    @Override
    public CallerIdentity peer() throws IOException {
        CallerIdentity known = peer;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (peer == null) {
                peer = readPeerCredentials();
            }
            return peer;
        }
    }

    private CallerIdentity readPeerCredentials() throws IOException {
        Ucred credentials = NativeStructs.direct(new Ucred(posix.runtime()));
        Pointer length = posix.runtime().getMemoryManager().allocateDirect(Integer.BYTES, true);
        length.putInt(0, Struct.size(credentials));
        socket.begin();
        try {
            if (libc.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, credentials, length) != 0) {
                throw posix.failure("getsockopt", posix.errno(), "SO_PEERCRED");
            }
        } finally {
            socket.end();
        }
        return new CallerIdentity(credentials.pid.get(), OptionalLong.of(credentials.uid.get() & 0xffff_ffffL));
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return "AF_UNIX connection (fd " + fd + (socket.isClosed() ? ", closed)" : ")");
    }
}

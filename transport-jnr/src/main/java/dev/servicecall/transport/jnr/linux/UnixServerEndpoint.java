package dev.servicecall.transport.jnr.linux;

import static dev.servicecall.transport.jnr.linux.LinuxConstants.ECONNABORTED;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EINTR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SOCK_CLOEXEC;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.transport.jnr.CloseGuard;
import dev.servicecall.protocol.os.ServerEndpoint;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening {@code AF_UNIX} socket at {@code NAME.sock}, with the {@link NameClaim} on
 * {@code NAME.lock} that makes it the name's only owner. Thread-safe as {@link ServerEndpoint}
 * requires.
 */
final class UnixServerEndpoint implements ServerEndpoint {
    private final String name;
    private final Posix posix;
    private final int fd;
    private final CloseGuard listener;
    private final Path socketFile;
    private final NameClaim claim;
    private final AtomicBoolean closed = new AtomicBoolean();

    UnixServerEndpoint(String name, Posix posix, int listenerFd, Path socketFile, NameClaim claim) {
        this.name = name;
        this.posix = posix;
        this.fd = listenerFd;
        this.listener = posix.socketGuard(listenerFd);
        this.socketFile = socketFile;
        this.claim = claim;
    }

    @Override
    public String name() {
        return name;
    }

    Path socketFile() {
        return socketFile;
    }

    @Override
    public Connection accept() throws IOException {
        listener.begin();
        try {
            while (true) {
                int accepted = posix.libc().accept4(fd, null, null, SOCK_CLOEXEC);
                int errno = accepted < 0 ? posix.errno() : 0;
                if (listener.isClosed()) {
                    if (accepted >= 0) {
                        posix.close(accepted);
                    }
                    throw new AsynchronousCloseException();
                }
                if (accepted >= 0) {
                    return new UnixConnection(posix, accepted);
                }
                if (errno != EINTR && errno != ECONNABORTED) {
                    throw posix.failure("accept4", errno, socketFile);
                }
            }
        } finally {
            listener.end();
        }
    }

    /**
     * Wakes a blocked {@link #accept()}, removes the socket file, then the lock file, and releases
     * the lock, in that order: the socket file is only ever removed by the lock's holder.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close();
        posix.unlinkQuietly(socketFile);
        claim.release();
    }

    @Override
    public String toString() {
        return "AF_UNIX endpoint " + socketFile + (closed.get() ? " (closed)" : "");
    }
}

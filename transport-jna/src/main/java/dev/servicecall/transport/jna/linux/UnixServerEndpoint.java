package dev.servicecall.transport.jna.linux;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.transport.jna.CloseGuard;
import dev.servicecall.transport.jna.NativeCallException;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

/**
 * A listening {@code AF_UNIX} socket at {@code NAME.sock}, with the name's {@link NameLock} held.
 *
 * <p>Thread-safe. {@link #close()} shuts the listening socket down (a thread blocked in
 * {@code accept} wakes with {@link AsynchronousCloseException}), removes the socket file, then
 * removes the lock file and drops the lock: when it returns the name can be bound again.
 */
final class UnixServerEndpoint implements ServerEndpoint {
    private final String name;
    private final Path socketPath;
    private final NameLock lock;
    private final int listeningFd;
    private final CloseGuard listening;
    private boolean closed;

    UnixServerEndpoint(String name, Path socketPath, NameLock lock, int listeningFd) {
        this.name = name;
        this.socketPath = socketPath;
        this.lock = lock;
        this.listeningFd = listeningFd;
        this.listening = new CloseGuard(() -> Syscalls.shutdownQuietly(listeningFd), () -> Syscalls.closeQuietly(listeningFd));
    }

    @Override
    public String name() {
        return name;
    }

    /** The socket file; for tests and messages. */
    Path socketPath() {
        return socketPath;
    }

    @Override
    public Connection accept() throws IOException {
        if (!listening.enter()) {
            throw new ClosedChannelException();
        }
        try {
            int accepted = Syscalls.accept(listeningFd);
            if (listening.isClosed()) {
                Syscalls.closeQuietly(accepted);
                throw new AsynchronousCloseException();
            }
            return new UnixConnection(accepted);
        } catch (NativeCallException e) {
            if (listening.isClosed()) {
                IOException closedWhileWaiting = new AsynchronousCloseException();
                closedWhileWaiting.initCause(e);
                throw closedWhileWaiting;
            }
            throw e;
        } finally {
            listening.exit();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listening.close();
        try {
            // still holding the lock, so this is our socket and not a successor's
            Syscalls.unlinkIfPresent(socketPath);
        } catch (NativeCallException e) {
            // a leftover socket file is stale and the next owner removes it
        }
        lock.release();
    }

    @Override
    public String toString() {
        return "AF_UNIX endpoint " + socketPath;
    }
}

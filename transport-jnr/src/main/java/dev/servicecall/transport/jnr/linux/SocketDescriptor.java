package dev.servicecall.transport.jnr.linux;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket descriptor that can be closed from any thread while others are blocked on it.
 *
 * <p>Closing a descriptor under a thread blocked in {@code accept} or {@code recv} would neither
 * wake it reliably nor be safe: the number could be reused by an unrelated open before the blocked
 * call returns. So {@link #close()} first marks the descriptor closed and calls
 * {@code shutdown(SHUT_RDWR)}, which wakes every blocked {@code accept}, {@code recv} and
 * {@code poll} on it; the descriptor itself is released by whichever of {@link #close()} and the
 * last {@link #end()} comes last.
 *
 * <p>Thread-safe; {@link #begin()}/{@link #end()} bracket every use and allocate nothing.
 */
final class SocketDescriptor {
    private static final int CLOSED = Integer.MIN_VALUE;

    private final Posix posix;
    private final int fd;
    /** Number of threads between begin and end, with {@link #CLOSED} set once closed. */
    private final AtomicInteger state = new AtomicInteger();

    SocketDescriptor(Posix posix, int fd) {
        this.posix = posix;
        this.fd = fd;
    }

    /** The descriptor number; only valid between {@link #begin()} and {@link #end()}. */
    int fd() {
        return fd;
    }

    /**
     * Marks a use of the descriptor; every successful call must be followed by {@link #end()}.
     *
     * @throws ClosedChannelException when already closed
     */
    void begin() throws ClosedChannelException {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                throw new ClosedChannelException();
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    /** Ends a use begun with {@link #begin()}; releases the descriptor if it was closed meanwhile. */
    void end() {
        if (state.decrementAndGet() == CLOSED) {
            posix.close(fd);
        }
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * The exception for a call that failed or returned because {@link #close()} ran: to be thrown
     * instead of the call's own error once {@link #isClosed()}.
     */
    static AsynchronousCloseException closedDuringCall() {
        return new AsynchronousCloseException();
    }

    /**
     * Closes the descriptor: wakes blocked calls at once, and releases the number when the last of
     * them has left. Idempotent.
     *
     * @return whether this call closed it (false when it was closed already)
     */
    boolean close() {
        int s;
        do {
            s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            // Counts itself as a user, so that the descriptor cannot be released (and its number
            // reused) by the last end() before shutdown below has run.
        } while (!state.compareAndSet(s, (s + 1) | CLOSED));
        posix.libc().shutdown(fd, LinuxConstants.SHUT_RDWR);
        end();
        return true;
    }
}

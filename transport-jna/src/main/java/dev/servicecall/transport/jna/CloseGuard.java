package dev.servicecall.transport.jna;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OS handle (file descriptor, pipe handle) shared by threads that block on it and one that
 * closes it.
 *
 * <p>Releasing a handle while another thread is inside a system call on it is unsafe: the number
 * may be reused by an unrelated open and the blocked call would continue on the wrong object. So
 * {@link #close()} marks the handle closed and runs the <em>wake</em> action (Linux:
 * {@code shutdown}, which wakes blocked {@code accept}, {@code recv}, {@code send}, {@code poll};
 * Windows: {@code CancelIoEx}); the <em>release</em> action ({@code close}, {@code CloseHandle})
 * runs exactly once, when the last thread inside leaves.
 *
 * <p>Thread-safe and lock-free: users bracket each system call with {@link #enter()} and
 * {@link #exit()}.
 */
public final class CloseGuard {
    private static final int CLOSED = 1;
    private static final int ONE_USER = 2;

    private final Runnable wake;
    private final Runnable release;
    /** Users inside times two, plus {@link #CLOSED}. */
    private final AtomicInteger state = new AtomicInteger();

    /**
     * @param wake wakes threads blocked on the handle; must not throw
     * @param release releases the handle; must not throw
     */
    public CloseGuard(Runnable wake, Runnable release) {
        this.wake = wake;
        this.release = release;
    }

    /**
     * Registers the calling thread as a user.
     *
     * @return false when the handle is closed (then do not call {@link #exit()})
     */
    public boolean enter() {
        while (true) {
            int current = state.get();
            if ((current & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(current, current + ONE_USER)) {
                return true;
            }
        }
    }

    /** Ends a use started by a successful {@link #enter()}; releases the handle if it was the last use after {@link #close()}. */
    public void exit() {
        if (state.addAndGet(-ONE_USER) == CLOSED) {
            release.run();
        }
    }

    /**
     * {@link #enter()} for I/O methods: registers the calling thread as a user.
     *
     * @throws ClosedChannelException when the handle is closed (then do not call {@link #exit()})
     */
    public void enterOrThrow() throws ClosedChannelException {
        if (!enter()) {
            throw new ClosedChannelException();
        }
    }

    /**
     * For a user between OS calls: fails when another thread closed the handle meanwhile.
     *
     * @throws AsynchronousCloseException when {@link #close()} has been called
     */
    public void throwIfClosed() throws AsynchronousCloseException {
        if (isClosed()) {
            throw new AsynchronousCloseException();
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * Marks closed, wakes blocked users, and releases the handle now or when the last user
     * leaves. Idempotent; only the first call does anything.
     *
     * @return whether this call closed it
     */
    public boolean close() {
        if (!enter()) {
            return false;
        }
        boolean first = false;
        try {
            while (true) {
                int current = state.get();
                if ((current & CLOSED) != 0) {
                    break;
                }
                if (state.compareAndSet(current, current | CLOSED)) {
                    first = true;
                    wake.run();
                    break;
                }
            }
        } finally {
            exit();
        }
        return first;
    }
}

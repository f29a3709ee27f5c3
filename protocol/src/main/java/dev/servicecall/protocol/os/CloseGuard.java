package dev.servicecall.protocol.os;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closing an OS handle (a socket descriptor, a pipe handle) from any thread while others are
 * blocked on it.
 *
 * <p>Releasing a handle under a thread blocked on it neither wakes that thread reliably nor is
 * safe: the number could be reused by an unrelated open before the blocked call returns. So
 * {@link #close()} marks the handle closed and runs the <em>wake</em> action (Linux:
 * {@code shutdown}; Windows: signal the close event), which makes every blocked call return; the
 * <em>release</em> action (close the handle) runs exactly once, when the last user has left.
 *
 * <p>Every use is bracketed by {@link #begin()} and {@link #end()}, which allocate nothing.
 * Thread-safe.
 */
public final class CloseGuard {
    private static final int CLOSED = Integer.MIN_VALUE;

    private final Runnable wake;
    private final Runnable release;
    /** Number of users between begin and end, with {@link #CLOSED} set once closed. */
    private final AtomicInteger state = new AtomicInteger();
    /** Set once the release action ran; guarded by this. */
    private boolean released;

    /**
     * @param wake makes calls blocked on the handle return; must not release the handle
     * @param release releases the handle; runs once, when nothing uses it
     */
    public CloseGuard(Runnable wake, Runnable release) {
        this.wake = wake;
        this.release = release;
    }

    /**
     * Marks a use of the handle; must be followed by {@link #end()}.
     *
     * @throws ClosedChannelException when already closed
     */
    public void begin() throws ClosedChannelException {
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

    /** Ends a use; releases the handle if it was closed meanwhile and this was the last user. */
    public void end() {
        if (state.decrementAndGet() == CLOSED) {
            try {
                release.run();
            } finally {
                synchronized (this) {
                    released = true;
                    notifyAll();
                }
            }
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * Throws when {@link #close()} ran; a call that returned or failed checks this first, since its
     * result may only be the effect of the wake action.
     *
     * @throws AsynchronousCloseException when closed
     */
    public void checkNotClosed() throws AsynchronousCloseException {
        if (isClosed()) {
            throw new AsynchronousCloseException();
        }
    }

    /**
     * Closes: wakes blocked calls at once, releases the handle when the last of them has left.
     * Idempotent.
     *
     * @return whether this call closed it (false when it was closed already)
     */
    public boolean close() {
        int s;
        do {
            s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            // Counts itself as a user, so the last end() cannot release the handle (letting its
            // number be reused) before the wake action below has run on it.
        } while (!state.compareAndSet(s, (s + 1) | CLOSED));
        try {
            wake.run();
        } finally {
            end();
        }
        return true;
    }

    /**
     * {@link #close()}, then waits until the handle is released (every blocked call has left), at
     * most {@code timeoutNanos}. For handles whose release the peer or the name space must see
     * before close returns (a Windows pipe name lives while any of its handles is open). If the
     * wait times out the handle is still released, by the last user, later.
     *
     * @return whether the handle was released within the time
     */
    public boolean closeAndAwaitRelease(long timeoutNanos) {
        close();
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            synchronized (this) {
                while (!released) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.servicecall.transport.jna.linux;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file descriptor shared by threads that block on it and one that closes it.
 *
 * <p>Closing a descriptor while another thread is inside a system call on it is unsafe: the
 * number may be reused by an unrelated open and the blocked call would continue on the wrong
 * file. So {@link #close()} marks the descriptor closed, shuts the socket down (which wakes
 * blocked {@code accept}, {@code recv}, {@code send} and {@code poll} on Linux), and the real
 * {@code close(2)} happens when the last thread inside leaves.
 *
 * <p>Thread-safe and lock-free: users bracket each system call with {@link #enter()} and
 * {@link #exit()}.
 */
final class GuardedDescriptor {
    private static final int CLOSED = 1;
    private static final int ONE_USER = 2;

    private final int fd;
    /** Users inside times two, plus {@link #CLOSED}. */
    private final AtomicInteger state = new AtomicInteger();

    GuardedDescriptor(int fd) {
        this.fd = fd;
    }

    /** The descriptor number; use only between {@link #enter()} and {@link #exit()}. */
    int fd() {
        return fd;
    }

    /**
     * Registers the calling thread as a user.
     *
     * @return false when the descriptor is closed (then do not call {@link #exit()})
     */
    boolean enter() {
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

    /** Ends a use started by a successful {@link #enter()}; closes the descriptor if it was the last one after {@link #close()}. */
    void exit() {
        if (state.addAndGet(-ONE_USER) == CLOSED) {
            Syscalls.closeQuietly(fd);
        }
    }

    /** Whether {@link #close()} has been called. */
    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * Marks closed, shuts the socket down to wake blocked users, and closes the descriptor now or
     * when the last user leaves. Idempotent; only the first call does anything.
     *
     * @return whether this call closed it
     */
    boolean close() {
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
                    Syscalls.shutdownQuietly(fd);
                    break;
                }
            }
        } finally {
            exit();
        }
        return first;
    }
}

package dev.servicecall.protocol.os;

import dev.servicecall.spi.CallerIdentity;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte stream between two processes. One thread reads and one thread writes at a time;
 * {@link #close()} may be called from any thread and wakes both.
 *
 * <p>Buffers given to {@link #read} and {@link #write} should be direct, so that bindings can pass
 * their address to the OS without copying; heap buffers must work too.
 */
public interface Connection extends AutoCloseable {
    /**
     * Writes every remaining byte of {@code source}, advancing its position.
     *
     * @throws IOException when the peer is gone or the connection was closed
     */
    void write(ByteBuffer source) throws IOException;

    /**
     * Reads at least one byte into the remaining space of {@code target}, advancing its position;
     * blocks until data arrives.
     *
     * @return the number of bytes read, or -1 at end of stream (the peer closed)
     * @throws IOException when the connection fails or was closed
     */
    int read(ByteBuffer target) throws IOException;

    /**
     * Waits until {@link #read} would not block (data or end of stream).
     *
     * @param timeoutNanos the most to wait; 0 checks without waiting
     * @return whether the connection is readable
     * @throws IOException when the connection fails or was closed
     */
    boolean awaitReadable(long timeoutNanos) throws IOException;

    /**
     * The process at the other end, as the OS reports it (Linux: SO_PEERCRED pid and uid;
     * Windows: GetNamedPipeClientProcessId, no uid). Meaningful on the service side.
     *
     * @throws IOException when the OS cannot tell
     */
    CallerIdentity peer() throws IOException;

    /** Closes the connection and wakes any thread blocked on it. Idempotent; never throws. */
    @Override
    void close();
}

package dev.servicecall.protocol.os;

import java.io.IOException;

/**
 * A listening endpoint holding the exclusive claim on one name. Thread-safe: {@link #close()} may
 * be called from any thread while another blocks in {@link #accept()}.
 */
public interface ServerEndpoint extends AutoCloseable {
    /** The name this endpoint holds. */
    String name();

    /**
     * Blocks until a client connects.
     *
     * @throws java.nio.channels.ClosedChannelException once {@link #close()} was called (also when
     *     it is called while blocked here)
     * @throws IOException for other failures; the endpoint stays usable unless it was closed
     */
    Connection accept() throws IOException;

    /**
     * Stops listening, wakes a blocked {@link #accept()}, removes the endpoint from the name space
     * and releases the claim: when this returns the name can be bound again at once. Connections
     * already accepted are not closed. Idempotent; never throws.
     */
    @Override
    void close();
}

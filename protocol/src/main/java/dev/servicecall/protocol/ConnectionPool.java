package dev.servicecall.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's connections to one routine name: idle ones kept for reuse (at most
 * {@link #MAX_IDLE}), and every open one tracked so that {@link #close()} can end calls in flight.
 * Taking and returning a connection allocates nothing. Thread-safe.
 */
final class ConnectionPool {
    /** Idle connections kept per name; more are closed when returned. */
    static final int MAX_IDLE = 16;

    private final ArrayDeque<ClientConnection> idle = new ArrayDeque<>(MAX_IDLE);
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private boolean closed;

    /**
     * An idle connection that still looks alive, most recently used first; dead ones found on the
     * way are closed. {@code null} when there is none.
     */
    ClientConnection takeIdle() {
        while (true) {
            ClientConnection connection;
            synchronized (this) {
                connection = idle.pollFirst();
            }
            if (connection == null) {
                return null;
            }
            if (connection.looksAlive()) {
                return connection;
            }
            discard(connection);
        }
    }

    /**
     * Tracks a new connection.
     *
     * @return false when the pool is closed (the caller must close the connection)
     */
    boolean adopt(ClientConnection connection) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            open.add(connection);
            return true;
        }
    }

    /** Gives a connection back after a call that left it in a known state. */
    void release(ClientConnection connection) {
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(connection);
                return;
            }
        }
        discard(connection);
    }

    /** Closes a connection whose state is unknown or broken. */
    void discard(ClientConnection connection) {
        open.remove(connection);
        connection.close();
    }

    /** Closes every connection, idle or in use (calls in flight then fail with UNSUCCESSFUL). */
    void close() {
        List<ClientConnection> all;
        synchronized (this) {
            closed = true;
            idle.clear();
            all = new ArrayList<>(open);
            open.clear();
        }
        for (ClientConnection connection : all) {
            connection.close();
        }
    }

    /** The number of idle connections (for tests). */
    synchronized int idleCount() {
        return idle.size();
    }
}

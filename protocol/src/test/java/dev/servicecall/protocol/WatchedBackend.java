package dev.servicecall.protocol;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.StatusException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OsBackend} wrapper for tests that watches what the service does with each connection
 * it accepts: the largest buffer it reads into (its receive buffer: it grows only when a frame
 * needs more room, so its capacity shows whether anything was sized from a claimed length), the
 * heap the service thread allocated between its first read and the close, and when the
 * connection was closed. Thread-safe.
 */
final class WatchedBackend implements OsBackend {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final OsBackend backend;
    private final List<ConnectionWatch> accepted = new ArrayList<>();

    WatchedBackend(OsBackend backend) {
        this.backend = backend;
    }

    /**
     * Waits until the service accepted its {@code index}-th connection (from 0), at most 5 s.
     *
     * @throws AssertionError when it did not
     */
    ConnectionWatch accepted(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (accepted) {
            while (accepted.size() <= index) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the service accepted " + accepted.size() + " connections, expected a "
                            + (index + 1) + "th");
                }
                TimeUnit.NANOSECONDS.timedWait(accepted, left);
            }
            return accepted.get(index);
        }
    }

    /** How many connections the service accepted so far. */
    int acceptedCount() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    @Override
    public String describe() {
        return "watched " + backend.describe();
    }

    @Override
    public void prepareNamespace() throws StatusException {
        backend.prepareNamespace();
    }

    @Override
    public ServerEndpoint bind(String name) throws StatusException {
        ServerEndpoint endpoint = backend.bind(name);
        return new ServerEndpoint() {
            @Override
            public String name() {
                return endpoint.name();
            }

            @Override
            public Connection accept() throws IOException {
                ConnectionWatch watch = new ConnectionWatch(endpoint.accept());
                synchronized (accepted) {
                    accepted.add(watch);
                    accepted.notifyAll();
                }
                return watch;
            }

            @Override
            public void close() {
                endpoint.close();
            }
        };
    }

    @Override
    public Connection connect(String name, long timeoutNanos) throws StatusException {
        return backend.connect(name, timeoutNanos);
    }

    /** One accepted connection, as the service uses it. */
    static final class ConnectionWatch implements Connection {
        private final Connection connection;
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile int largestReadBuffer;
        private volatile long readerThreadId = -1;
        private volatile long allocatedAtFirstRead;
        private volatile long allocatedUntilClose = -1;

        ConnectionWatch(Connection connection) {
            this.connection = connection;
        }

        /** The capacity of the largest buffer the service read into on this connection. */
        int largestReadBuffer() {
            return largestReadBuffer;
        }

        /** Heap bytes the service thread allocated from its first read to the close; -1 before the close. */
        long heapAllocatedByServiceThread() {
            return allocatedUntilClose;
        }

        /** Waits until the service closed this connection; false after {@code timeout}. */
        boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Whether the service closed this connection. */
        boolean isClosed() {
            return closed.getCount() == 0;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            if (readerThreadId < 0) {
                readerThreadId = Thread.currentThread().getId();
                allocatedAtFirstRead = THREADS.getCurrentThreadAllocatedBytes();
            }
            largestReadBuffer = Math.max(largestReadBuffer, target.capacity());
            return connection.read(target);
        }

        @Override
        public void write(ByteBuffer source) throws IOException {
            connection.write(source);
        }

        @Override
        public boolean awaitReadable(long timeoutNanos) throws IOException {
            return connection.awaitReadable(timeoutNanos);
        }

        @Override
        public CallerIdentity peer() throws IOException {
            return connection.peer();
        }

        @Override
        public void close() {
            if (closed.getCount() > 0 && readerThreadId >= 0) {
                long now = Thread.currentThread().getId() == readerThreadId ? THREADS.getCurrentThreadAllocatedBytes()
                        : THREADS.getThreadAllocatedBytes(readerThreadId);
                allocatedUntilClose = Math.max(0, now - allocatedAtFirstRead);
            }
            connection.close();
            closed.countDown();
        }
    }
}

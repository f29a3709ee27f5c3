package dev.servicecall.transport.jna.windows;

import static dev.servicecall.transport.jna.windows.Win32Constants.*;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jna.NativeCallException;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one named pipe: always exactly one instance waiting for the next client.
 *
 * <p><b>Exclusivity.</b> The first instance is created with {@code FILE_FLAG_FIRST_PIPE_INSTANCE},
 * so the name fails with ERROR_ACCESS_DENIED (or ERROR_PIPE_BUSY) while any process, this one
 * included, has an instance of it: OBJECT_NAME_EXISTS. When the owner dies Windows closes its
 * handles and the name is gone.
 *
 * <p><b>Instances.</b> Byte mode, blocking, remote clients rejected, unlimited instances, default
 * security descriptor. After {@code ConnectNamedPipe} returns, the next instance is created
 * before the connected one is handed out, so the pipe name never disappears while the endpoint is
 * open, and a closing endpoint always has an instance to wake.
 *
 * <p><b>Waking accept.</b> {@code ConnectNamedPipe} on a synchronous handle cannot be cancelled
 * portably, so {@link #close()} connects a throw-away client to the waiting instance (a plain
 * {@code CreateFile} on the pipe name), which makes {@code ConnectNamedPipe} return; the accepting
 * thread sees the endpoint closed and throws {@link AsynchronousCloseException}. {@code close}
 * waits (at most {@value #WAKE_WAIT_MILLIS} ms) for that thread to leave, then closes the waiting
 * instance.
 *
 * <p><b>Freeing the name.</b> A Windows pipe name lives while any of its instances is open,
 * accepted connections included. The shared transport closes every connection when it
 * unregisters, so the name is free when unregister returns; an endpoint closed while accepted
 * connections stay open keeps the name until they close (unlike Linux, where the lock file alone
 * decides).
 *
 * <p>Thread-safe; one thread accepts at a time.
 */
final class PipeServerEndpoint implements ServerEndpoint {
    static final int OPEN_MODE_FIRST = PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE;
    static final int OPEN_MODE_NEXT = PIPE_ACCESS_DUPLEX;
    static final int PIPE_MODE = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;
    static final long WAKE_WAIT_MILLIS = 2_000;

    private final PipeApi api;
    private final String name;
    private final String pipeName;
    private final Object lock = new Object();
    /** The instance waiting for the next client; INVALID_HANDLE once closed. */
    private long waiting;
    private boolean accepting;
    private boolean closed;

    private PipeServerEndpoint(PipeApi api, String name, String pipeName, long firstInstance) {
        this.api = api;
        this.name = name;
        this.pipeName = pipeName;
        this.waiting = firstInstance;
    }

    /**
     * Creates the first instance of {@code pipeName}.
     *
     * @throws StatusException OBJECT_NAME_EXISTS when the pipe exists; NO_MEMORY for other failures
     */
    static PipeServerEndpoint open(PipeApi api, String name, String pipeName) throws StatusException {
        long first = createInstance(api, pipeName, OPEN_MODE_FIRST);
        if (first == PipeApi.INVALID_HANDLE) {
            int error = api.lastError();
            NativeCallException failure = NativeCallException.win32("CreateNamedPipeW", error, errorName(error), pipeName);
            if (error == ERROR_ACCESS_DENIED || error == ERROR_PIPE_BUSY) {
                throw new StatusException(NtStatus.OBJECT_NAME_EXISTS,
                        "'" + name + "' is registered by a live process (" + failure.getMessage() + ")", failure);
            }
            throw new StatusException(NtStatus.NO_MEMORY, "cannot create the pipe of '" + name + "': " + failure.getMessage(), failure);
        }
        return new PipeServerEndpoint(api, name, pipeName, first);
    }

    private static long createInstance(PipeApi api, String pipeName, int openMode) {
        return api.createNamedPipe(pipeName, openMode, PIPE_MODE, PIPE_UNLIMITED_INSTANCES, PIPE_BUFFER_SIZE,
                PIPE_BUFFER_SIZE, PIPE_DEFAULT_TIMEOUT);
    }

    @Override
    public String name() {
        return name;
    }

    /** The full pipe name, {@code \\.\pipe\...}. */
    String pipeName() {
        return pipeName;
    }

    @Override
    public Connection accept() throws IOException {
        long instance;
        synchronized (lock) {
            if (closed) {
                throw new ClosedChannelException();
            }
            if (accepting) {
                throw new IllegalStateException("another thread is accepting on " + pipeName);
            }
            accepting = true;
            instance = waiting;
        }
        boolean connected = api.connectNamedPipe(instance);
        int error = connected ? 0 : api.lastError();
        synchronized (lock) {
            accepting = false;
            lock.notifyAll();
            if (closed) {
                closeWaitingInstance();
                throw new AsynchronousCloseException();
            }
            if (!connected && error != ERROR_PIPE_CONNECTED) {
                // e.g. ERROR_NO_DATA: the client left before we saw it; reuse the instance
                api.disconnectNamedPipe(instance);
                throw NativeCallException.win32("ConnectNamedPipe", error, errorName(error), pipeName);
            }
            long next = createInstance(api, pipeName, OPEN_MODE_NEXT);
            if (next == PipeApi.INVALID_HANDLE) {
                int nextError = api.lastError();
                // keep listening on this instance rather than losing the name; the client sees a broken pipe
                api.disconnectNamedPipe(instance);
                throw NativeCallException.win32("CreateNamedPipeW", nextError, errorName(nextError), pipeName);
            }
            waiting = next;
            return new PipeConnection(api, instance, true);
        }
    }

    @Override
    public void close() {
        boolean wake;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            wake = accepting;
        }
        if (wake) {
            long wakeUp = api.createFile(pipeName, GENERIC_READ | GENERIC_WRITE, NO_SHARING, OPEN_EXISTING, 0);
            if (wakeUp != PipeApi.INVALID_HANDLE) {
                api.closeHandle(wakeUp);
            }
        }
        synchronized (lock) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAKE_WAIT_MILLIS);
            boolean interrupted = false;
            while (accepting) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break; // the accepting thread closes the instance when it returns
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!accepting) {
                closeWaitingInstance();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the waiting instance once; call holding {@link #lock}. */
    private void closeWaitingInstance() {
        if (waiting != PipeApi.INVALID_HANDLE) {
            api.closeHandle(waiting);
            waiting = PipeApi.INVALID_HANDLE;
        }
    }

    @Override
    public String toString() {
        return "named pipe endpoint " + pipeName;
    }
}

package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_ACCESS_DENIED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_NO_DATA;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_BUSY;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_CONNECTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FILE_FLAG_FIRST_PIPE_INSTANCE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FILE_FLAG_OVERLAPPED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_ACCESS_DUPLEX;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_BUFFER_SIZE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_DEFAULT_TIMEOUT;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_READMODE_BYTE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_REJECT_REMOTE_CLIENTS;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_TYPE_BYTE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_UNLIMITED_INSTANCES;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_WAIT;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TRUE;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jnr.CloseGuard;
import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import java.io.IOException;

/**
 * The server side of one named pipe: always exactly one instance waiting for the next client.
 *
 * <p><b>Exclusivity.</b> The first instance is created with FILE_FLAG_FIRST_PIPE_INSTANCE, which
 * fails with ERROR_ACCESS_DENIED while any process (this one included) has an instance of the
 * name: OBJECT_NAME_EXISTS. Windows closes a dead owner's handles, so its name is gone with it.
 *
 * <p><b>Instances.</b> Duplex, byte mode, PIPE_REJECT_REMOTE_CLIENTS, unlimited instances, the
 * default security descriptor (null attributes), FILE_FLAG_OVERLAPPED. When a client connects,
 * the next instance is created before the connected one is handed out, so the name never lapses
 * while the endpoint is open.
 *
 * <p><b>Waking accept.</b> ConnectNamedPipe is overlapped and its wait also watches the
 * endpoint's close event ({@link OverlappedIo}), so {@link #close()} ends a blocked
 * {@link #accept()} without racing it.
 *
 * <p><b>Freeing the name.</b> A pipe name lives while any of its instances is open, accepted
 * connections included; the shared transport closes those when it unregisters.
 *
 * <p>Thread-safe; one thread accepts at a time.
 */
final class PipeServerEndpoint implements ServerEndpoint {
    static final int OPEN_MODE_FIRST = PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED;
    static final int OPEN_MODE_NEXT = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED;
    static final int PIPE_MODE = PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;

    private final Win32 win32;
    private final Kernel32 kernel32;
    private final String name;
    private final String pipeName;
    private final byte[] wideName;
    private final long closeEvent;
    private final OverlappedIo connects;
    private final CloseGuard guard;
    /** The instance waiting for the next client. */
    private volatile long waiting;

    private PipeServerEndpoint(Win32 win32, String name, String pipeName, byte[] wideName, long firstInstance,
            long closeEvent, OverlappedIo connects) {
        this.win32 = win32;
        this.kernel32 = win32.kernel32();
        this.name = name;
        this.pipeName = pipeName;
        this.wideName = wideName;
        this.waiting = firstInstance;
        this.closeEvent = closeEvent;
        this.connects = connects;
        this.guard = new CloseGuard(() -> kernel32.SetEvent(closeEvent), this::release);
    }

    /**
     * Creates the first instance of {@code pipeName}.
     *
     * @throws StatusException OBJECT_NAME_EXISTS when the pipe exists; NO_MEMORY for other failures
     */
    static PipeServerEndpoint open(Win32 win32, String name, String pipeName) throws StatusException {
        Kernel32 kernel32 = win32.kernel32();
        byte[] wideName = Win32.wide(pipeName);
        long first = createInstance(kernel32, wideName, OPEN_MODE_FIRST);
        if (first == INVALID_HANDLE_VALUE) {
            int error = win32.lastError();
            NativeCallException failure = win32.failure("CreateNamedPipeW", error, pipeName);
            if (error == ERROR_ACCESS_DENIED || error == ERROR_PIPE_BUSY) {
                throw new StatusException(NtStatus.OBJECT_NAME_EXISTS, "'" + name + "' is registered by a live process ("
                        + failure.getMessage() + ")", failure);
            }
            throw new StatusException(NtStatus.NO_MEMORY, "cannot create the pipe of '" + name + "': "
                    + failure.getMessage(), failure);
        }
        long closeEvent = kernel32.CreateEventW(null, TRUE, FALSE, null);
        if (closeEvent == 0) {
            NativeCallException failure = win32.failure("CreateEventW", win32.lastError(), "close event");
            kernel32.CloseHandle(first);
            throw new StatusException(NtStatus.NO_MEMORY, failure.getMessage(), failure);
        }
        try {
            return new PipeServerEndpoint(win32, name, pipeName, wideName, first, closeEvent,
                    OverlappedIo.create(win32, closeEvent));
        } catch (NativeCallException e) {
            kernel32.CloseHandle(closeEvent);
            kernel32.CloseHandle(first);
            throw new StatusException(NtStatus.NO_MEMORY, e.getMessage(), e);
        }
    }

    private static long createInstance(Kernel32 kernel32, byte[] wideName, int openMode) {
        return kernel32.CreateNamedPipeW(wideName, openMode, PIPE_MODE, PIPE_UNLIMITED_INSTANCES, PIPE_BUFFER_SIZE,
                PIPE_BUFFER_SIZE, PIPE_DEFAULT_TIMEOUT, null);
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
        guard.begin();
        try {
            long instance = waiting;
            int started = kernel32.ConnectNamedPipe(instance, connects.overlapped());
            int error = started == FALSE ? win32.lastError() : 0;
            if (started == FALSE && error == ERROR_PIPE_CONNECTED) {
                guard.checkNotClosed(); // a client came in before the call: connected already
            } else {
                try {
                    connects.complete(instance, "ConnectNamedPipe", started, error);
                } catch (NativeCallException e) {
                    guard.checkNotClosed();
                    if (e.code() == ERROR_NO_DATA) {
                        // the client connected and left at once: make the instance wait again
                        kernel32.DisconnectNamedPipe(instance);
                    }
                    throw e;
                }
                guard.checkNotClosed();
            }
            long next = createInstance(kernel32, wideName, OPEN_MODE_NEXT);
            if (next == INVALID_HANDLE_VALUE) {
                NativeCallException failure = win32.failure("CreateNamedPipeW", win32.lastError(), pipeName);
                // keep the name with this instance; its client sees a broken pipe
                kernel32.DisconnectNamedPipe(instance);
                throw failure;
            }
            PipeConnection connection;
            try {
                connection = PipeConnection.open(win32, instance, true);
            } catch (NativeCallException e) {
                kernel32.CloseHandle(next);
                kernel32.DisconnectNamedPipe(instance);
                throw e;
            }
            waiting = next;
            return connection;
        } finally {
            guard.end();
        }
    }

    /**
     * Ends a blocked {@link #accept()} at once, and waits (at most
     * {@link PipeConnection#CLOSE_WAIT_NANOS}) until it has left and the waiting instance is
     * closed: then, unless accepted connections are still open, the name is free. Idempotent.
     */
    @Override
    public void close() {
        guard.closeAndAwaitRelease(PipeConnection.CLOSE_WAIT_NANOS);
    }

    private void release() {
        kernel32.CloseHandle(waiting);
        connects.close();
        kernel32.CloseHandle(closeEvent);
    }

    @Override
    public String toString() {
        return "named pipe endpoint " + pipeName + (guard.isClosed() ? " (closed)" : "");
    }
}

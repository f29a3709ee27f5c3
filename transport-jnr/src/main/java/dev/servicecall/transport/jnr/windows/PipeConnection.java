package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_BROKEN_PIPE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_NO_DATA;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_NOT_CONNECTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TRUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_OBJECT_0;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_TIMEOUT;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.transport.jnr.CloseGuard;
import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Pointer;

/**
 * One end of a connected byte-mode named pipe, opened for overlapped I/O ({@link OverlappedIo}:
 * one lane for reads, one for writes, both also watching this connection's close event).
 *
 * <p>The peer's end: a read failing with ERROR_BROKEN_PIPE or ERROR_PIPE_NOT_CONNECTED is the
 * end of stream (-1), as {@code recv} returning 0 is on Linux; a write failing with
 * ERROR_NO_DATA, ERROR_BROKEN_PIPE or ERROR_PIPE_NOT_CONNECTED throws {@link NativeCallException}.
 * In the middle of a call the protocol layer turns either into UNSUCCESSFUL.
 *
 * <p>Direct buffers are passed by address; heap buffers go through a direct staging buffer made
 * once per connection and direction. {@link #awaitReadable} polls {@code PeekNamedPipe} (a byte
 * pipe has no readiness wait), pausing on the close event between polls (1 ms doubling up to
 * {@value #MAX_PAUSE_MILLIS} ms), so a close ends it at once.
 *
 * <p>Thread-safety as {@link Connection} requires; {@link #close()} from any thread signals the
 * close event, which ends blocked reads, writes and waits; the handles are closed once no thread
 * uses them, which close waits for, so that the peer and the pipe name see it when close returns.
 */
final class PipeConnection implements Connection {
    static final int MAX_PAUSE_MILLIS = 16;
    /** How long {@link #close()} waits for blocked calls to leave so that the handle is closed. */
    static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final int STAGING_CAPACITY = 64 << 10;

    private final Win32 win32;
    private final Kernel32 kernel32;
    private final long pipe;
    private final OverlappedIo reads;
    private final OverlappedIo writes;
    private final long closeEvent;
    private final CloseGuard guard;
    private final Pointer available;
    private ByteBuffer readStaging;
    private ByteBuffer writeStaging;
    private volatile CallerIdentity peer;

    private PipeConnection(Win32 win32, long pipe, boolean serverSide, long closeEvent, OverlappedIo reads,
            OverlappedIo writes) {
        this.win32 = win32;
        this.kernel32 = win32.kernel32();
        this.pipe = pipe;
        this.closeEvent = closeEvent;
        this.reads = reads;
        this.writes = writes;
        this.available = win32.allocate(Integer.BYTES);
        this.guard = new CloseGuard(() -> {
            kernel32.SetEvent(closeEvent);
            if (serverSide) {
                // the client sees the end now, not only once the handle is closed
                kernel32.DisconnectNamedPipe(pipe);
            }
        }, this::release);
    }

    /**
     * Wraps a connected pipe handle (a server instance after ConnectNamedPipe, or a client handle),
     * which must have been opened with FILE_FLAG_OVERLAPPED. On failure the handle is left open.
     *
     * @param serverSide whether {@code pipe} is a server instance (closing it then disconnects the client)
     * @throws NativeCallException when the events cannot be created
     */
    static PipeConnection open(Win32 win32, long pipe, boolean serverSide) throws NativeCallException {
        Kernel32 kernel32 = win32.kernel32();
        long closeEvent = kernel32.CreateEventW(null, TRUE, FALSE, null);
        if (closeEvent == 0) {
            throw win32.failure("CreateEventW", win32.lastError(), "close event");
        }
        OverlappedIo reads = null;
        try {
            reads = OverlappedIo.create(win32, closeEvent);
            OverlappedIo writes = OverlappedIo.create(win32, closeEvent);
            return new PipeConnection(win32, pipe, serverSide, closeEvent, reads, writes);
        } catch (NativeCallException e) {
            if (reads != null) {
                reads.close();
            }
            kernel32.CloseHandle(closeEvent);
            throw e;
        }
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
        if (!source.hasRemaining()) {
            return;
        }
        guard.begin();
        try {
            if (source.isDirect()) {
                writeAll(source);
                return;
            }
            if (writeStaging == null) {
                writeStaging = ByteBuffer.allocateDirect(STAGING_CAPACITY);
            }
            while (source.hasRemaining()) {
                int chunk = Math.min(source.remaining(), writeStaging.capacity());
                writeStaging.clear();
                writeStaging.put(0, source, source.position(), chunk).limit(chunk);
                writeAll(writeStaging);
                source.position(source.position() + chunk);
            }
        } finally {
            guard.end();
        }
    }

    private void writeAll(ByteBuffer direct) throws IOException {
        while (direct.hasRemaining()) {
            int started = kernel32.WriteFile(pipe, direct, direct.remaining(), null, writes.overlapped());
            int error = started == FALSE ? win32.lastError() : 0;
            int written;
            try {
                written = writes.complete(pipe, "WriteFile", started, error);
            } catch (NativeCallException e) {
                guard.checkNotClosed();
                if (isPeerGone(e.code())) {
                    throw win32.failure("WriteFile", e.code(), "the other end closed the pipe");
                }
                throw e;
            }
            guard.checkNotClosed();
            direct.position(direct.position() + written);
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (!target.hasRemaining()) {
            return 0;
        }
        guard.begin();
        try {
            if (target.isDirect()) {
                return readSome(target);
            }
            if (readStaging == null) {
                readStaging = ByteBuffer.allocateDirect(STAGING_CAPACITY);
            }
            readStaging.clear().limit(Math.min(target.remaining(), readStaging.capacity()));
            int n = readSome(readStaging);
            if (n > 0) {
                target.put(target.position(), readStaging, 0, n).position(target.position() + n);
            }
            return n;
        } finally {
            guard.end();
        }
    }

    /** Reads at least one byte into {@code direct}, or returns -1 at the end of stream. */
    private int readSome(ByteBuffer direct) throws IOException {
        while (true) {
            int started = kernel32.ReadFile(pipe, direct, direct.remaining(), null, reads.overlapped());
            int error = started == FALSE ? win32.lastError() : 0;
            int read;
            try {
                read = reads.complete(pipe, "ReadFile", started, error);
            } catch (NativeCallException e) {
                guard.checkNotClosed();
                if (e.code() == ERROR_BROKEN_PIPE || e.code() == ERROR_PIPE_NOT_CONNECTED) {
                    return -1;
                }
                throw e;
            }
            guard.checkNotClosed();
            if (read > 0) {
                direct.position(direct.position() + read);
                return read;
            }
            // a zero-length write by the peer delivers nothing: keep reading
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        guard.begin();
        try {
            long start = System.nanoTime();
            int pauseMillis = 1;
            while (true) {
                if (kernel32.PeekNamedPipe(pipe, null, 0, null, available, null) == FALSE) {
                    int error = win32.lastError();
                    guard.checkNotClosed();
                    if (error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED) {
                        return true; // read() reports the end of stream without blocking
                    }
                    throw win32.failure("PeekNamedPipe", error, null);
                }
                guard.checkNotClosed();
                if (available.getInt(0) != 0) {
                    return true;
                }
                long left = timeoutNanos - (System.nanoTime() - start);
                if (left <= 0) {
                    return false;
                }
                int pause = (int) Math.min(pauseMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1);
                int waited = kernel32.WaitForSingleObject(closeEvent, pause);
                if (waited == WAIT_OBJECT_0) {
                    guard.checkNotClosed();
                } else if (waited != WAIT_TIMEOUT) {
                    throw win32.failure("WaitForSingleObject", win32.lastError(), "close event");
                }
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            }
        } finally {
            guard.end();
        }
    }

    /** The client's process id from GetNamedPipeClientProcessId (Windows tells no uid); read once. */
    @Override
    public CallerIdentity peer() throws IOException {
        CallerIdentity known = peer;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (peer == null) {
                Pointer pid = win32.allocate(Integer.BYTES);
                guard.begin();
                try {
                    if (kernel32.GetNamedPipeClientProcessId(pipe, pid) == FALSE) {
                        throw win32.failure("GetNamedPipeClientProcessId", win32.lastError(), null);
                    }
                } finally {
                    guard.end();
                }
                peer = new CallerIdentity(pid.getInt(0) & 0xffff_ffffL, OptionalLong.empty());
            }
            return peer;
        }
    }

    /**
     * Signals the close event (ending blocked reads, writes and waits), disconnects the client of a
     * server instance, and waits (at most {@link #CLOSE_WAIT_NANOS}) until the handles are closed.
     */
    @Override
    public void close() {
        guard.closeAndAwaitRelease(CLOSE_WAIT_NANOS);
    }

    /** Runs once no thread uses the connection: closing the pipe handle ends the peer's side too. */
    private void release() {
        kernel32.CloseHandle(pipe);
        reads.close();
        writes.close();
        kernel32.CloseHandle(closeEvent);
    }

    static boolean isPeerGone(int error) {
        return error == ERROR_NO_DATA || error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED;
    }

    @Override
    public String toString() {
        return "named pipe handle " + pipe + (guard.isClosed() ? " (closed)" : "");
    }
}

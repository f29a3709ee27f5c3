package dev.servicecall.transport.jna.windows;

import static dev.servicecall.transport.jna.windows.Win32Constants.*;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.transport.jna.CloseGuard;
import dev.servicecall.transport.jna.DirectAddresses;
import dev.servicecall.transport.jna.NativeCallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One end of a connected byte-mode named pipe instance, with synchronous {@code ReadFile} and
 * {@code WriteFile}.
 *
 * <p>End of the peer: a read that fails with ERROR_BROKEN_PIPE or ERROR_PIPE_NOT_CONNECTED is the
 * end of stream (−1), as {@code recv} returning 0 is on Linux; a write that fails with
 * ERROR_NO_DATA, ERROR_BROKEN_PIPE or ERROR_PIPE_NOT_CONNECTED throws {@link NativeCallException}.
 * The protocol layer turns both, in the middle of a call, into UNSUCCESSFUL.
 *
 * <p>{@link #close()} (any thread) cancels I/O blocked on the handle with {@code CancelIoEx}
 * (threads blocked in it get {@link AsynchronousCloseException}), disconnects a server instance so
 * the client sees the end at once, and closes the handle once no thread uses it.
 *
 * <p>{@link #awaitReadable} polls {@code PeekNamedPipe} with a growing pause (up to
 * {@value #MAX_PAUSE_MILLIS} ms), since a synchronous pipe handle has no readiness wait; the
 * protocol layer uses it only for deadlines and liveness checks.
 *
 * <p>Thread-safety as {@link Connection} requires.
 */
final class PipeConnection implements Connection {
    static final int MAX_PAUSE_MILLIS = 16;
    private static final int STAGING_SIZE = 64 * 1024;

    private final PipeApi api;
    private final long handle;
    private final CloseGuard guard;
    private final DirectAddresses readAddresses = new DirectAddresses();
    private final DirectAddresses writeAddresses = new DirectAddresses();
    private ByteBuffer readStaging;
    private ByteBuffer writeStaging;
    private volatile CallerIdentity peer;

    /**
     * @param serverSide whether this is a server instance (then close disconnects the client)
     */
    PipeConnection(PipeApi api, long handle, boolean serverSide) {
        this.api = api;
        this.handle = handle;
        this.guard = new CloseGuard(() -> {
            api.cancelIoEx(handle);
            if (serverSide) {
                api.disconnectNamedPipe(handle);
            }
        }, () -> api.closeHandle(handle));
    }

    @Override
    public void write(ByteBuffer source) throws IOException {
        guard.enterOrThrow();
        try {
            if (source.isDirect()) {
                long base = writeAddresses.of(source);
                while (source.hasRemaining()) {
                    source.position(source.position() + writeSome(base + source.position(), source.remaining()));
                }
            } else {
                ByteBuffer staging = writeStaging();
                long base = writeAddresses.of(staging);
                while (source.hasRemaining()) {
                    int chunk = Math.min(source.remaining(), staging.capacity());
                    staging.put(0, source, source.position(), chunk);
                    for (int offset = 0; offset < chunk; ) {
                        offset += writeSome(base + offset, chunk - offset);
                    }
                    source.position(source.position() + chunk);
                }
            }
        } finally {
            guard.exit();
        }
    }

    private int writeSome(long address, int length) throws IOException {
        int written = api.writeFile(handle, address, length);
        if (written < 0) {
            int error = api.lastError();
            guard.throwIfClosed();
            String detail = error == ERROR_NO_DATA || error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED
                    ? "the other end closed the pipe" : null;
            throw NativeCallException.win32("WriteFile", error, errorName(error), detail);
        }
        return written;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (target.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        guard.enterOrThrow();
        try {
            int wanted = target.remaining();
            if (wanted == 0) {
                return 0;
            }
            if (target.isDirect()) {
                int read = readSome(readAddresses.of(target) + target.position(), wanted);
                if (read > 0) {
                    target.position(target.position() + read);
                }
                return read;
            }
            ByteBuffer staging = readStaging();
            int read = readSome(readAddresses.of(staging), Math.min(wanted, staging.capacity()));
            if (read > 0) {
                target.put(target.position(), staging, 0, read);
                target.position(target.position() + read);
            }
            return read;
        } finally {
            guard.exit();
        }
    }

    /** Reads at least one byte, or returns −1 at the end of stream. */
    private int readSome(long address, int length) throws IOException {
        while (true) {
            int read = api.readFile(handle, address, length);
            if (read < 0) {
                int error = api.lastError();
                guard.throwIfClosed();
                if (error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED) {
                    return -1;
                }
                throw NativeCallException.win32("ReadFile", error, errorName(error), null);
            }
            guard.throwIfClosed();
            if (read > 0) {
                return read;
            }
            // a zero-length write by the peer: nothing to deliver, keep reading
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) throws IOException {
        guard.enterOrThrow();
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            long pauseMillis = 1;
            while (true) {
                int available = api.peekNamedPipe(handle);
                if (available < 0) {
                    int error = api.lastError();
                    guard.throwIfClosed();
                    if (error == ERROR_BROKEN_PIPE || error == ERROR_PIPE_NOT_CONNECTED) {
                        return true; // read reports the end of stream
                    }
                    throw NativeCallException.win32("PeekNamedPipe", error, errorName(error), null);
                }
                guard.throwIfClosed();
                if (available > 0) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (timeoutNanos <= 0 || remaining <= 0) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(pauseMillis)));
                pauseMillis = Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
            }
        } finally {
            guard.exit();
        }
    }

    /** The client's process id from {@code GetNamedPipeClientProcessId}; Windows gives no uid. Cached. */
    @Override
    public CallerIdentity peer() throws IOException {
        CallerIdentity known = peer;
        if (known != null) {
            return known;
        }
        guard.enterOrThrow();
        try {
            long pid = api.getNamedPipeClientProcessId(handle);
            if (pid < 0) {
                int error = api.lastError();
                throw NativeCallException.win32("GetNamedPipeClientProcessId", error, errorName(error), null);
            }
            known = new CallerIdentity(pid, OptionalLong.empty());
            peer = known;
            return known;
        } finally {
            guard.exit();
        }
    }

    @Override
    public void close() {
        guard.close();
    }

    @Override
    public String toString() {
        return "named pipe handle " + handle + (guard.isClosed() ? " (closed)" : "");
    }


    private ByteBuffer readStaging() {
        if (readStaging == null) {
            readStaging = ByteBuffer.allocateDirect(STAGING_SIZE);
        }
        return readStaging;
    }

    private ByteBuffer writeStaging() {
        if (writeStaging == null) {
            writeStaging = ByteBuffer.allocateDirect(STAGING_SIZE);
        }
        return writeStaging;
    }
}

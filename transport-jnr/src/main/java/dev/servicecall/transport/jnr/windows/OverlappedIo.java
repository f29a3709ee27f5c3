package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_IO_PENDING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INFINITE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TRUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_OBJECT_0;

import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import dev.servicecall.transport.jnr.windows.WindowsNative.Overlapped;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import jnr.ffi.Pointer;

/**
 * One lane of overlapped I/O (a connection's reads, its writes, or an endpoint's accepts): an
 * {@code OVERLAPPED} with its own manual-reset event, and the pair of handles a wait watches, the
 * lane's event and the owner's close event.
 *
 * <p>Why overlapped: a thread blocked in synchronous pipe I/O can only be woken by cancelling the
 * I/O, which races with a thread that is about to start it. Here every wait is on both the I/O
 * and the close event, which stays signalled, so {@code close} can never be missed; a cancelled
 * operation is waited for until the system has finished with the buffer.
 *
 * <p>All native memory is allocated once, in {@link #create}. Not thread-safe: one operation at
 * a time per lane.
 */
final class OverlappedIo {
    private static final int CLOSE_EVENT_INDEX = 1;

    private final Win32 win32;
    private final Kernel32 kernel32;
    private final Overlapped overlapped;
    private final long event;
    private final Pointer waitHandles;
    private final Pointer transferred;

    private OverlappedIo(Win32 win32, Overlapped overlapped, long event, Pointer waitHandles, Pointer transferred) {
        this.win32 = win32;
        this.kernel32 = win32.kernel32();
        this.overlapped = overlapped;
        this.event = event;
        this.waitHandles = waitHandles;
        this.transferred = transferred;
    }

    /**
     * A lane whose waits also end when {@code closeEvent} is signalled.
     *
     * @throws NativeCallException when its event cannot be created
     */
    static OverlappedIo create(Win32 win32, long closeEvent) throws NativeCallException {
        long event = win32.kernel32().CreateEventW(null, TRUE, FALSE, null);
        if (event == 0) {
            throw win32.failure("CreateEventW", win32.lastError(), "overlapped I/O event");
        }
        Overlapped overlapped = win32.newOverlapped();
        overlapped.event.set(event);
        int pointerSize = win32.runtime().addressSize();
        Pointer waitHandles = win32.allocate(2 * pointerSize);
        waitHandles.putAddress(0, event);
        waitHandles.putAddress(pointerSize, closeEvent);
        return new OverlappedIo(win32, overlapped, event, waitHandles, win32.allocate(Integer.BYTES));
    }

    /** The {@code OVERLAPPED} to pass to the call that starts an operation. */
    Overlapped overlapped() {
        return overlapped;
    }

    /**
     * Finishes the operation just started on {@code handle} with {@link #overlapped()}.
     *
     * @param function the name of the starting call, for errors
     * @param started the BOOL the starting call returned
     * @param startError GetLastError read right after the starting call when it returned FALSE
     * @return the bytes transferred
     * @throws AsynchronousCloseException when the close event was signalled first; the operation
     *     has been cancelled and is over when this is thrown
     * @throws NativeCallException with the operation's error (from the start or the completion)
     */
    int complete(long handle, String function, int started, int startError) throws IOException {
        if (started == FALSE) {
            if (startError != ERROR_IO_PENDING) {
                throw win32.failure(function, startError, null);
            }
            int signalled = kernel32.WaitForMultipleObjects(2, waitHandles, FALSE, INFINITE);
            if (signalled != WAIT_OBJECT_0) {
                int waitError = signalled == WAIT_OBJECT_0 + CLOSE_EVENT_INDEX ? 0 : win32.lastError();
                cancel(handle);
                if (waitError == 0) {
                    throw new AsynchronousCloseException();
                }
                throw win32.failure("WaitForMultipleObjects", waitError, null);
            }
        }
        if (kernel32.GetOverlappedResult(handle, overlapped, transferred, FALSE) == FALSE) {
            throw win32.failure(function, win32.lastError(), null);
        }
        return transferred.getInt(0);
    }

    /** Cancels the lane's operation and waits until the system is done with it (and its buffer). */
    private void cancel(long handle) {
        kernel32.CancelIoEx(handle, overlapped);
        kernel32.GetOverlappedResult(handle, overlapped, transferred, TRUE);
    }

    /** Closes the lane's event. Call once no operation is under way. */
    void close() {
        kernel32.CloseHandle(event);
    }
}

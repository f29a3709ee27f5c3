package dev.servicecall.transport.jna;

import java.io.IOException;

/**
 * An operating-system call failed. Carries the call's name and the OS error code (errno on Linux,
 * GetLastError on Windows) as read right after the call, on the calling thread.
 *
 * <p>Immutable. The message reads {@code "recv: errno 104 ECONNRESET"} or
 * {@code "CreateNamedPipeW: error 5 ERROR_ACCESS_DENIED"}, followed by any detail.
 */
public final class NativeCallException extends IOException {
    private final String call;
    private final int code;

    private NativeCallException(String call, String kind, int code, String codeName, String detail) {
        super(call + ": " + kind + " " + code + (codeName == null ? "" : " " + codeName)
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.call = call;
        this.code = code;
    }

    /**
     * A failed POSIX call.
     *
     * @param call the name of the libc function, e.g. {@code connect}
     * @param errno the errno it left
     * @param errnoName the symbolic name of {@code errno}, or {@code null} when unknown
     * @param detail what the call was working on (a path, a name), or {@code null}
     */
    public static NativeCallException errno(String call, int errno, String errnoName, String detail) {
        return new NativeCallException(call, "errno", errno, errnoName, detail);
    }

    /** A failed Win32 call; arguments as in {@link #errno}, with the GetLastError code. */
    public static NativeCallException win32(String call, int lastError, String errorName, String detail) {
        return new NativeCallException(call, "error", lastError, errorName, detail);
    }

    /** The native function that failed. */
    public String call() {
        return call;
    }

    /** The OS error code the call left (errno or GetLastError). */
    public int code() {
        return code;
    }
}

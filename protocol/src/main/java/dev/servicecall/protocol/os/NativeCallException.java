package dev.servicecall.protocol.os;

import java.io.IOException;

/**
 * An operating-system call failed. Carries the name of the function and the OS error code it left
 * (errno on Linux, {@code GetLastError} on Windows), read right after the call on the calling
 * thread.
 *
 * <p>Immutable. The message reads {@code "recv: errno 104 ECONNRESET"} or
 * {@code "CreateNamedPipeW: error 231 ERROR_PIPE_BUSY (\\.\pipe\servicecall-S-1-5-21-x-name)"}.
 */
public final class NativeCallException extends IOException {
    private final String function;
    private final int code;

    private NativeCallException(String function, String kind, int code, String codeName, String detail) {
        super(function + ": " + kind + " " + code + (codeName == null ? "" : " " + codeName)
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.function = function;
        this.code = code;
    }

    /**
     * A failed POSIX call.
     *
     * @param function the libc function, e.g. {@code connect}
     * @param errno the errno it left
     * @param errnoName the symbolic name of {@code errno}, or {@code null} when unknown
     * @param detail what the call was working on (a path, a descriptor), or {@code null}
     */
    public static NativeCallException errno(String function, int errno, String errnoName, String detail) {
        return new NativeCallException(function, "errno", errno, errnoName, detail);
    }

    /** A failed Win32 call; arguments as in {@link #errno}, with the {@code GetLastError} code. */
    public static NativeCallException win32(String function, int lastError, String errorName, String detail) {
        return new NativeCallException(function, "error", lastError, errorName, detail);
    }

    /** The native function that failed. */
    public String function() {
        return function;
    }

    /** The OS error code it left (errno or GetLastError). */
    public int code() {
        return code;
    }
}

package dev.servicecall.transport.jnr;

import java.io.IOException;

/**
 * A native call failed. Carries the name of the function and the OS error code it left (errno on
 * Linux, {@code GetLastError} on Windows), read right after the call on the calling thread.
 *
 * <p>Immutable. The message reads like {@code "recv: errno 104 ECONNRESET"} or
 * {@code "CreateNamedPipeW: error 231 ERROR_PIPE_BUSY (\\.\pipe\servicecall\x)"}.
 */
public final class NativeCallException extends IOException {
    private final String function;
    private final int code;

    /**
     * @param function the native function that failed, e.g. {@code connect}
     * @param kind {@code errno} or {@code error}
     * @param code the code it left
     * @param codeName the symbolic name of {@code code}, or {@code null} when unknown
     * @param detail what the call was working on (a path, a pipe name), or {@code null}
     */
    public NativeCallException(String function, String kind, int code, String codeName, String detail) {
        super(function + ": " + kind + " " + code + (codeName == null ? "" : " " + codeName)
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.function = function;
        this.code = code;
    }

    /** The native function that failed. */
    public String function() {
        return function;
    }

    /** The OS error code it left. */
    public int code() {
        return code;
    }
}

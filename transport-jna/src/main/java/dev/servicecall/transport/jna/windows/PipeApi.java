package dev.servicecall.transport.jna.windows;

/**
 * The Win32 calls the Windows backend makes, and nothing else: the one seam between its logic
 * and the OS, so that the logic can be tested with mocks on any OS. {@link Kernel32Pipes} is the
 * real implementation.
 *
 * <p>Raw results: each method returns what the Win32 function returns (handles as {@code long},
 * BOOL as {@code boolean}); after a failure, {@link #lastError()} on the same thread, before any
 * other call, gives the code. Implementations are thread-safe.
 */
interface PipeApi {
    /** The value of {@code INVALID_HANDLE_VALUE}. */
    long INVALID_HANDLE = -1L;

    /**
     * {@code CreateNamedPipeW(name, openMode, pipeMode, maxInstances, outSize, inSize, timeout, NULL)}
     * with the default security descriptor (default DACL): a new server instance, or
     * {@link #INVALID_HANDLE}. With {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, fails with
     * ERROR_ACCESS_DENIED when the pipe exists.
     */
    long createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
            int inBufferSize, int defaultTimeoutMillis);

    /**
     * {@code ConnectNamedPipe(pipe, NULL)}: blocks until a client connects. False with
     * ERROR_PIPE_CONNECTED when one connected before the call (a success), ERROR_NO_DATA when it
     * connected and already left.
     */
    boolean connectNamedPipe(long pipe);

    /** {@code DisconnectNamedPipe(pipe)}: ends the client's connection to a server instance. */
    boolean disconnectNamedPipe(long pipe);

    /**
     * {@code CreateFileW(name, access, share, NULL, disposition, flags, NULL)}: a client handle, or
     * {@link #INVALID_HANDLE}: ERROR_FILE_NOT_FOUND when no such pipe exists, ERROR_PIPE_BUSY when
     * every instance is in use.
     */
    long createFile(String name, int access, int shareMode, int creationDisposition, int flagsAndAttributes);

    /**
     * {@code WaitNamedPipeW(name, timeout)}: true when an instance became free; false with
     * ERROR_SEM_TIMEOUT on timeout, ERROR_FILE_NOT_FOUND when the pipe does not exist.
     */
    boolean waitNamedPipe(String name, int timeoutMillis);

    /**
     * {@code ReadFile(handle, address, length, &read, NULL)}: the bytes read, or −1 on failure
     * (ERROR_BROKEN_PIPE when the other end closed, ERROR_OPERATION_ABORTED when cancelled).
     */
    int readFile(long handle, long address, int length);

    /**
     * {@code WriteFile(handle, address, length, &written, NULL)}: the bytes written, or −1 on
     * failure (ERROR_NO_DATA or ERROR_BROKEN_PIPE when the other end closed).
     */
    int writeFile(long handle, long address, int length);

    /** {@code PeekNamedPipe(handle, NULL, 0, NULL, &available, NULL)}: bytes available, or −1 on failure. */
    int peekNamedPipe(long handle);

    /** {@code GetNamedPipeClientProcessId(pipe, &pid)}: the client's process id, or −1 on failure. */
    long getNamedPipeClientProcessId(long pipe);

    /** {@code CancelIoEx(handle, NULL)}: cancels I/O on the handle issued by any thread of this process. */
    boolean cancelIoEx(long handle);

    /** {@code CloseHandle(handle)}. */
    boolean closeHandle(long handle);

    /**
     * {@code FindFirstFileW(pattern, &findData)}: starts listing the names that match
     * {@code pattern} (for pipes: {@code \\.\pipe\*}, which lists pipe names without that
     * prefix). Returns a search handle with the first name stored in {@code name[0]}, or
     * {@link #INVALID_HANDLE} (ERROR_FILE_NOT_FOUND when nothing matches).
     */
    long findFirstFile(String pattern, String[] name);

    /**
     * {@code FindNextFileW(find, &findData)}: true with the next name stored in {@code name[0]};
     * false at the end (ERROR_NO_MORE_FILES) or on failure.
     */
    boolean findNextFile(long find, String[] name);

    /** {@code FindClose(find)}: ends a search started by {@link #findFirstFile}. */
    boolean findClose(long find);

    /** {@code GetLastError()} as saved right after this thread's last call through this interface. */
    int lastError();

    /**
     * The string SID of the user this process runs as (e.g. {@code S-1-5-21-...}), from the
     * process token; used to make the default pipe-name prefix per user.
     */
    String currentUserSid();
}

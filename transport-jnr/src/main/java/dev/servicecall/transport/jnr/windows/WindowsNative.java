package dev.servicecall.transport.jnr.windows;

import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Transient;
import jnr.ffi.types.intptr_t;

/**
 * The Win32 bindings of the Windows backend, bound with JNR-FFI: {@link Kernel32} and
 * {@link Advapi32}, loaded once in {@link Loaded}. The interfaces are public only because JNR
 * generates their implementations in a class loader of its own; the holder is package-private.
 *
 * <p>Raw bindings: each function returns what Win32 returns (BOOL as {@code int}, HANDLE as a
 * pointer-sized {@code long}, {@code INVALID_HANDLE_VALUE} being -1); after a failure the caller
 * reads {@code GetLastError} at once, on the same thread, through {@link Win32#lastError()} (JNR
 * saves it right after the call). Strings are NUL-terminated UTF-16LE ({@link Win32#wide}).
 */
final class WindowsNative {
    private WindowsNative() {
    }

    /** The kernel32 functions used for named pipes, overlapped I/O and events. */
    public interface Kernel32 {
        /**
         * CreateNamedPipeW: a new server instance of the pipe, or INVALID_HANDLE_VALUE. A null
         * {@code securityAttributes} gives the default security descriptor. With
         * FILE_FLAG_FIRST_PIPE_INSTANCE it fails with ERROR_ACCESS_DENIED when the pipe exists.
         */
        @intptr_t
        long CreateNamedPipeW(@In byte[] name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
                int inBufferSize, int defaultTimeoutMillis, @In Pointer securityAttributes);

        /**
         * ConnectNamedPipe on an overlapped instance: FALSE with ERROR_IO_PENDING while waiting
         * (completion through {@code overlapped}), ERROR_PIPE_CONNECTED when a client connected
         * before the call (a success), ERROR_NO_DATA when it connected and already left.
         */
        int ConnectNamedPipe(@intptr_t long pipe, @In @Out Overlapped overlapped);

        /** DisconnectNamedPipe: ends the client's connection to a server instance; FALSE on failure. */
        int DisconnectNamedPipe(@intptr_t long pipe);

        /**
         * CreateFileW: a client handle, or INVALID_HANDLE_VALUE with ERROR_FILE_NOT_FOUND (no such
         * pipe) or ERROR_PIPE_BUSY (every instance in use).
         */
        @intptr_t
        long CreateFileW(@In byte[] name, int desiredAccess, int shareMode, @In Pointer securityAttributes,
                int creationDisposition, int flagsAndAttributes, @intptr_t long templateFile);

        /**
         * WaitNamedPipeW: TRUE when an instance is free; FALSE with ERROR_SEM_TIMEOUT on timeout,
         * ERROR_FILE_NOT_FOUND when the pipe does not exist.
         */
        int WaitNamedPipeW(@In byte[] name, int timeoutMillis);

        /**
         * ReadFile, overlapped: TRUE when done at once, FALSE with ERROR_IO_PENDING when under way,
         * else FALSE with the error (ERROR_BROKEN_PIPE: the other end closed). The byte count comes
         * from GetOverlappedResult, so {@code bytesRead} is null.
         */
        int ReadFile(@intptr_t long file, @Out ByteBuffer buffer, int length, @Out Pointer bytesRead,
                @In @Out Overlapped overlapped);

        /** WriteFile, overlapped: as ReadFile (ERROR_NO_DATA or ERROR_BROKEN_PIPE: the other end closed). */
        int WriteFile(@intptr_t long file, @In ByteBuffer buffer, int length, @Out Pointer bytesWritten,
                @In @Out Overlapped overlapped);

        /**
         * GetOverlappedResult: TRUE with the byte count, or FALSE with the operation's error
         * (ERROR_OPERATION_ABORTED after CancelIoEx). With {@code wait} TRUE it blocks until the
         * operation is over.
         */
        int GetOverlappedResult(@intptr_t long file, @In @Out Overlapped overlapped, @Out Pointer transferred,
                int wait);

        /** CancelIoEx: cancels the operation of {@code overlapped} (all of the handle's when null) of this process. */
        int CancelIoEx(@intptr_t long file, @In Overlapped overlapped);

        /** PeekNamedPipe with no buffer: TRUE with the bytes available, FALSE on failure (ERROR_BROKEN_PIPE). */
        int PeekNamedPipe(@intptr_t long pipe, @Out Pointer buffer, int bufferSize, @Out Pointer bytesRead,
                @Out Pointer totalBytesAvailable, @Out Pointer bytesLeftThisMessage);

        /** GetNamedPipeClientProcessId: TRUE with the client's pid (a ULONG), FALSE on failure. */
        int GetNamedPipeClientProcessId(@intptr_t long pipe, @Out Pointer clientProcessId);

        /** CreateEventW: a new event, or 0 (NULL) on failure. */
        @intptr_t
        long CreateEventW(@In Pointer securityAttributes, int manualReset, int initialState, @In Pointer name);

        /** SetEvent: TRUE, or FALSE on failure. */
        int SetEvent(@intptr_t long event);

        /**
         * WaitForMultipleObjects: WAIT_OBJECT_0 + the index of a signalled handle (the lowest when
         * several are), WAIT_TIMEOUT, or WAIT_FAILED.
         */
        int WaitForMultipleObjects(int count, @In @Transient Pointer handles, int waitAll, int timeoutMillis);

        /** WaitForSingleObject: WAIT_OBJECT_0 when signalled, WAIT_TIMEOUT, or WAIT_FAILED. */
        int WaitForSingleObject(@intptr_t long handle, int timeoutMillis);

        /** CloseHandle: TRUE, or FALSE on failure. */
        int CloseHandle(@intptr_t long handle);

        /** GetCurrentProcess: the pseudo handle of this process; never fails. */
        @IgnoreError
        @intptr_t
        long GetCurrentProcess();

        /** LocalFree: NULL on success. */
        Pointer LocalFree(@In Pointer memory);
    }

    /** The advapi32 functions that find the SID of the user this process runs as. */
    public interface Advapi32 {
        /** OpenProcessToken: TRUE with the token handle stored at {@code tokenHandle}, FALSE on failure. */
        int OpenProcessToken(@intptr_t long process, int desiredAccess, @Out Pointer tokenHandle);

        /**
         * GetTokenInformation: TRUE with the information, FALSE on failure; ERROR_INSUFFICIENT_BUFFER
         * with the needed length at {@code returnLength} when {@code information} is too small.
         */
        int GetTokenInformation(@intptr_t long token, int informationClass, @Out Pointer information, int length,
                @Out Pointer returnLength);

        /** ConvertSidToStringSidW: TRUE with a LocalAlloc'ed string at {@code stringSid}, FALSE on failure. */
        int ConvertSidToStringSidW(@In Pointer sid, @Out Pointer stringSid);
    }

    /**
     * {@code OVERLAPPED} (minwinbase.h): two ULONG_PTR the system uses, a 64-bit offset (unused on
     * pipes) and the event signalled on completion.
     */
    public static final class Overlapped extends Struct {
        final uintptr_t internal = new uintptr_t();
        final uintptr_t internalHigh = new uintptr_t();
        final Unsigned32 offset = new Unsigned32();
        final Unsigned32 offsetHigh = new Unsigned32();
        final intptr_t event = new intptr_t();

        Overlapped(Runtime runtime) {
            super(runtime);
        }
    }

    /** The loaded libraries, bound on first use of this class (a {@link LinkageError} if they cannot be). */
    static final class Loaded {
        static final Kernel32 KERNEL32 = LibraryLoader.create(Kernel32.class).stdcall().load("kernel32");
        static final Advapi32 ADVAPI32 = LibraryLoader.create(Advapi32.class).stdcall().load("advapi32");
        static final Runtime RUNTIME = Runtime.getRuntime(KERNEL32);

        private Loaded() {
        }
    }
}

package dev.servicecall.transport.jnr.windows;

/**
 * Every Win32 constant the Windows backend uses, by name, in one place, with the values of the
 * Windows SDK headers named in each group (they are the same on every Windows architecture).
 * jnr-constants resolves its {@code LastError} values for the running OS only, so they cannot
 * serve here: this backend's logic is tested with mocked bindings on Linux.
 */
interface Win32Constants {
    // CreateNamedPipeW open mode (winbase.h)
    int PIPE_ACCESS_DUPLEX = 0x00000003;
    /** CreateNamedPipeW fails with ERROR_ACCESS_DENIED when any instance of the pipe exists. */
    int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    int FILE_FLAG_OVERLAPPED = 0x40000000;

    // CreateNamedPipeW pipe mode (winbase.h)
    int PIPE_TYPE_BYTE = 0x00000000;
    int PIPE_READMODE_BYTE = 0x00000000;
    int PIPE_WAIT = 0x00000000;
    int PIPE_REJECT_REMOTE_CLIENTS = 0x00000008;
    int PIPE_UNLIMITED_INSTANCES = 255;
    /** In and out buffer sizes suggested to the pipe (advisory). */
    int PIPE_BUFFER_SIZE = 64 * 1024;
    /** The pipe's default WaitNamedPipe timeout; 0 selects the system default of 50 ms. */
    int PIPE_DEFAULT_TIMEOUT = 0;

    // CreateFileW (winnt.h, fileapi.h, winbase.h)
    int GENERIC_READ = 0x80000000;
    int GENERIC_WRITE = 0x40000000;
    int NO_SHARING = 0;
    int OPEN_EXISTING = 3;
    /** With SECURITY_IDENTIFICATION: the service may identify the client but never impersonate it. */
    int SECURITY_SQOS_PRESENT = 0x00100000;
    int SECURITY_IDENTIFICATION = 0x00010000;

    // Handles and waits (handleapi.h, synchapi.h, winbase.h)
    long INVALID_HANDLE_VALUE = -1L;
    int INFINITE = 0xFFFFFFFF;
    int WAIT_OBJECT_0 = 0x00000000;
    int WAIT_TIMEOUT = 0x00000102;
    int WAIT_FAILED = 0xFFFFFFFF;
    int TRUE = 1;
    int FALSE = 0;

    // Process token (winnt.h)
    int TOKEN_QUERY = 0x0008;
    /** TOKEN_INFORMATION_CLASS TokenUser. */
    int TOKEN_USER_CLASS = 1;

    /** The prefix of every local pipe name. */
    String PIPE_NAMESPACE = "\\\\.\\pipe\\";
    /** The longest pipe name CreateNamedPipeW accepts, in characters. */
    int MAX_PIPE_NAME = 256;

    // GetLastError codes (winerror.h)
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_INVALID_HANDLE = 6;
    int ERROR_NOT_ENOUGH_MEMORY = 8;
    int ERROR_BROKEN_PIPE = 109;
    int ERROR_SEM_TIMEOUT = 121;
    int ERROR_INSUFFICIENT_BUFFER = 122;
    int ERROR_PIPE_BUSY = 231;
    int ERROR_NO_DATA = 232;
    int ERROR_PIPE_NOT_CONNECTED = 233;
    int ERROR_MORE_DATA = 234;
    int ERROR_PIPE_CONNECTED = 535;
    int ERROR_OPERATION_ABORTED = 995;
    int ERROR_IO_PENDING = 997;

    /** The symbolic name of an error code this backend meets, or {@code null}. */
    static String errorName(int code) {
        switch (code) {
            case ERROR_FILE_NOT_FOUND: return "ERROR_FILE_NOT_FOUND";
            case ERROR_ACCESS_DENIED: return "ERROR_ACCESS_DENIED";
            case ERROR_INVALID_HANDLE: return "ERROR_INVALID_HANDLE";
            case ERROR_NOT_ENOUGH_MEMORY: return "ERROR_NOT_ENOUGH_MEMORY";
            case ERROR_BROKEN_PIPE: return "ERROR_BROKEN_PIPE";
            case ERROR_SEM_TIMEOUT: return "ERROR_SEM_TIMEOUT";
            case ERROR_INSUFFICIENT_BUFFER: return "ERROR_INSUFFICIENT_BUFFER";
            case ERROR_PIPE_BUSY: return "ERROR_PIPE_BUSY";
            case ERROR_NO_DATA: return "ERROR_NO_DATA";
            case ERROR_PIPE_NOT_CONNECTED: return "ERROR_PIPE_NOT_CONNECTED";
            case ERROR_MORE_DATA: return "ERROR_MORE_DATA";
            case ERROR_PIPE_CONNECTED: return "ERROR_PIPE_CONNECTED";
            case ERROR_OPERATION_ABORTED: return "ERROR_OPERATION_ABORTED";
            case ERROR_IO_PENDING: return "ERROR_IO_PENDING";
            default: return null;
        }
    }
}

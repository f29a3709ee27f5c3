package dev.servicecall.transport.jna.windows;

import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;

/**
 * Every Win32 constant the Windows backend uses, by name, in one place: taken from jna-platform's
 * {@code WinBase}, {@code WinNT} and {@code WinError} where it defines them (compile-time
 * constants, so those interfaces are never loaded), written out from the Windows SDK headers
 * where it does not.
 */
final class Win32Constants {
    // CreateNamedPipe open mode (winbase.h)
    static final int PIPE_ACCESS_DUPLEX = WinBase.PIPE_ACCESS_DUPLEX;
    /** Fails the call with ERROR_ACCESS_DENIED when an instance of the pipe already exists. */
    static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;

    // CreateNamedPipe pipe mode (winbase.h)
    static final int PIPE_TYPE_BYTE = WinBase.PIPE_TYPE_BYTE;
    static final int PIPE_READMODE_BYTE = WinBase.PIPE_READMODE_BYTE;
    static final int PIPE_WAIT = WinBase.PIPE_WAIT;
    static final int PIPE_REJECT_REMOTE_CLIENTS = WinBase.PIPE_REJECT_REMOTE_CLIENTS;
    static final int PIPE_UNLIMITED_INSTANCES = WinBase.PIPE_UNLIMITED_INSTANCES;
    static final int PIPE_BUFFER_SIZE = 64 * 1024;
    /** The default timeout stored with the pipe; 0 means the system default of 50 ms. */
    static final int PIPE_DEFAULT_TIMEOUT = 0;

    // CreateFile (winnt.h, winbase.h)
    static final int GENERIC_READ = WinNT.GENERIC_READ;
    static final int GENERIC_WRITE = WinNT.GENERIC_WRITE;
    static final int NO_SHARING = 0;
    static final int OPEN_EXISTING = WinNT.OPEN_EXISTING;
    /** With SECURITY_IDENTIFICATION: the service may identify the client but not impersonate it. */
    static final int SECURITY_SQOS_PRESENT = 0x00100000;
    static final int SECURITY_IDENTIFICATION = 0x00010000;

    /** The prefix of every local pipe name. */
    static final String PIPE_NAMESPACE = "\\\\.\\pipe\\";
    /** Lists every pipe of the machine with FindFirstFileW / FindNextFileW. */
    static final String PIPE_LISTING_PATTERN = PIPE_NAMESPACE + "*";
    /** {@code sizeof(WIN32_FIND_DATAW)}: attributes, three FILETIMEs, sizes, reserved, then the names. */
    static final int WIN32_FIND_DATAW_SIZE = 592;
    /** Offset of {@code WCHAR cFileName[MAX_PATH]} in {@code WIN32_FIND_DATAW}. */
    static final int FIND_DATA_FILE_NAME_OFFSET = 44;
    /** {@code MAX_PATH}: the length of {@code cFileName}, in characters, its NUL included. */
    static final int MAX_PATH = 260;

    /** The longest pipe name CreateNamedPipe accepts, in characters. */
    static final int MAX_PIPE_NAME = 256;

    // GetLastError codes (winerror.h)
    static final int ERROR_FILE_NOT_FOUND = WinError.ERROR_FILE_NOT_FOUND;
    static final int ERROR_ACCESS_DENIED = WinError.ERROR_ACCESS_DENIED;
    static final int ERROR_INVALID_HANDLE = WinError.ERROR_INVALID_HANDLE;
    static final int ERROR_BROKEN_PIPE = WinError.ERROR_BROKEN_PIPE;
    static final int ERROR_SEM_TIMEOUT = WinError.ERROR_SEM_TIMEOUT;
    static final int ERROR_PIPE_BUSY = WinError.ERROR_PIPE_BUSY;
    static final int ERROR_NO_DATA = WinError.ERROR_NO_DATA;
    static final int ERROR_PIPE_NOT_CONNECTED = WinError.ERROR_PIPE_NOT_CONNECTED;
    static final int ERROR_PIPE_CONNECTED = WinError.ERROR_PIPE_CONNECTED;
    static final int ERROR_OPERATION_ABORTED = WinError.ERROR_OPERATION_ABORTED;
    static final int ERROR_NO_MORE_FILES = WinError.ERROR_NO_MORE_FILES;

    private Win32Constants() {
    }

    /** The symbolic name of an error code this backend meets, or {@code null}. */
    static String errorName(int code) {
        switch (code) {
            case ERROR_FILE_NOT_FOUND: return "ERROR_FILE_NOT_FOUND";
            case ERROR_ACCESS_DENIED: return "ERROR_ACCESS_DENIED";
            case ERROR_INVALID_HANDLE: return "ERROR_INVALID_HANDLE";
            case ERROR_BROKEN_PIPE: return "ERROR_BROKEN_PIPE";
            case ERROR_SEM_TIMEOUT: return "ERROR_SEM_TIMEOUT";
            case ERROR_PIPE_BUSY: return "ERROR_PIPE_BUSY";
            case ERROR_NO_DATA: return "ERROR_NO_DATA";
            case ERROR_PIPE_NOT_CONNECTED: return "ERROR_PIPE_NOT_CONNECTED";
            case ERROR_PIPE_CONNECTED: return "ERROR_PIPE_CONNECTED";
            case ERROR_OPERATION_ABORTED: return "ERROR_OPERATION_ABORTED";
            case ERROR_NO_MORE_FILES: return "ERROR_NO_MORE_FILES";
            default: return null;
        }
    }
}

package dev.servicecall.transport.jna.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;

/**
 * The real {@link PipeApi}: kernel32 bound with JNA direct mapping (static natives registered
 * once; no reflection per call). Handles and pointers are passed as {@code long}, which is right
 * on 64-bit Windows only; the provider refuses 32-bit Windows. Out-parameters use per-thread
 * arrays, so reads and writes allocate nothing. The last error is JNA's per-thread copy of
 * {@code GetLastError}, saved inside the native stub right after each call.
 *
 * <p><b>Verified against mocked bindings only</b>: this class compiles on every OS but has not
 * run on Windows in this project's builds.
 */
final class Kernel32Pipes implements PipeApi {
    static final Kernel32Pipes INSTANCE = new Kernel32Pipes();

    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    private Kernel32Pipes() {
    }

    /** Forces binding; throws {@link LinkageError} when kernel32 cannot be bound. */
    static void load() {
        Direct.load();
    }

    /** The direct-mapped functions; see the {@link PipeApi} methods for their contracts. */
    private static final class Direct {
        static {
            Native.register(Direct.class, NativeLibrary.getInstance("kernel32"));
        }

        static void load() {
            // the static initialiser does the work
        }

        static native long CreateNamedPipeW(WString name, int openMode, int pipeMode, int maxInstances, int outSize,
                int inSize, int defaultTimeout, long securityAttributes);

        static native int ConnectNamedPipe(long pipe, long overlapped);

        static native int DisconnectNamedPipe(long pipe);

        static native long CreateFileW(WString name, int access, int shareMode, long securityAttributes,
                int creationDisposition, int flagsAndAttributes, long templateFile);

        static native int WaitNamedPipeW(WString name, int timeout);

        static native int ReadFile(long handle, long buffer, int length, int[] read, long overlapped);

        static native int WriteFile(long handle, long buffer, int length, int[] written, long overlapped);

        static native int PeekNamedPipe(long handle, long buffer, int size, long read, int[] available, long leftInMessage);

        static native int GetNamedPipeClientProcessId(long pipe, int[] processId);

        static native int CancelIoEx(long handle, long overlapped);

        static native int CloseHandle(long handle);

        static native long FindFirstFileW(WString pattern, byte[] findData);

        static native int FindNextFileW(long find, byte[] findData);

        static native int FindClose(long find);
    }

    @Override
    public long createNamedPipe(String name, int openMode, int pipeMode, int maxInstances, int outBufferSize,
            int inBufferSize, int defaultTimeoutMillis) {
        return Direct.CreateNamedPipeW(new WString(name), openMode, pipeMode, maxInstances, outBufferSize, inBufferSize,
                defaultTimeoutMillis, 0L);
    }

    @Override
    public boolean connectNamedPipe(long pipe) {
        return Direct.ConnectNamedPipe(pipe, 0L) != 0;
    }

    @Override
    public boolean disconnectNamedPipe(long pipe) {
        return Direct.DisconnectNamedPipe(pipe) != 0;
    }

    @Override
    public long createFile(String name, int access, int shareMode, int creationDisposition, int flagsAndAttributes) {
        return Direct.CreateFileW(new WString(name), access, shareMode, 0L, creationDisposition, flagsAndAttributes, 0L);
    }

    @Override
    public boolean waitNamedPipe(String name, int timeoutMillis) {
        return Direct.WaitNamedPipeW(new WString(name), timeoutMillis) != 0;
    }

    @Override
    public int readFile(long handle, long address, int length) {
        int[] read = COUNT.get();
        return Direct.ReadFile(handle, address, length, read, 0L) != 0 ? read[0] : -1;
    }

    @Override
    public int writeFile(long handle, long address, int length) {
        int[] written = COUNT.get();
        return Direct.WriteFile(handle, address, length, written, 0L) != 0 ? written[0] : -1;
    }

    @Override
    public int peekNamedPipe(long handle) {
        int[] available = COUNT.get();
        return Direct.PeekNamedPipe(handle, 0L, 0, 0L, available, 0L) != 0 ? available[0] : -1;
    }

    @Override
    public long getNamedPipeClientProcessId(long pipe) {
        int[] pid = new int[1];
        return Direct.GetNamedPipeClientProcessId(pipe, pid) != 0 ? Integer.toUnsignedLong(pid[0]) : -1L;
    }

    @Override
    public boolean cancelIoEx(long handle) {
        return Direct.CancelIoEx(handle, 0L) != 0;
    }

    @Override
    public boolean closeHandle(long handle) {
        return Direct.CloseHandle(handle) != 0;
    }

    @Override
    public long findFirstFile(String pattern, String[] name) {
        byte[] findData = new byte[Win32Constants.WIN32_FIND_DATAW_SIZE];
        long find = Direct.FindFirstFileW(new WString(pattern), findData);
        if (find != INVALID_HANDLE) {
            name[0] = fileName(findData);
        }
        return find;
    }

    @Override
    public boolean findNextFile(long find, String[] name) {
        byte[] findData = new byte[Win32Constants.WIN32_FIND_DATAW_SIZE];
        if (Direct.FindNextFileW(find, findData) == 0) {
            return false;
        }
        name[0] = fileName(findData);
        return true;
    }

    /** {@code cFileName} of a {@code WIN32_FIND_DATAW}: UTF-16LE up to its NUL. */
    static String fileName(byte[] findData) {
        int start = Win32Constants.FIND_DATA_FILE_NAME_OFFSET;
        int end = start;
        int limit = start + 2 * Win32Constants.MAX_PATH;
        while (end < limit && (findData[end] != 0 || findData[end + 1] != 0)) {
            end += 2;
        }
        return new String(findData, start, end - start, java.nio.charset.StandardCharsets.UTF_16LE);
    }

    @Override
    public boolean findClose(long find) {
        return Direct.FindClose(find) != 0;
    }

    @Override
    public int lastError() {
        return Native.getLastError();
    }

    @Override
    public String currentUserSid() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(), WinNT.TOKEN_QUERY, token)) {
            throw new IllegalStateException("OpenProcessToken: error " + Native.getLastError());
        }
        try {
            return Advapi32Util.getTokenAccount(token.getValue()).sidString;
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }
}

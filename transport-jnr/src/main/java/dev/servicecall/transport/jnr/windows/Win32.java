package dev.servicecall.transport.jnr.windows;

import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.windows.WindowsNative.Advapi32;
import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import dev.servicecall.transport.jnr.windows.WindowsNative.Overlapped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntSupplier;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * The thin layer over the Win32 bindings: the seam where tests put Mockito mocks of
 * {@link Kernel32} and {@link Advapi32} and a scripted {@code GetLastError}. It also allocates the
 * native memory the backend hands to those calls. Immutable and thread-safe.
 */
final class Win32 {
    private final Kernel32 kernel32;
    private final Advapi32 advapi32;
    private final IntSupplier lastError;
    private final Runtime runtime;

    /**
     * @param kernel32 the kernel32 binding
     * @param advapi32 the advapi32 binding
     * @param lastError the GetLastError value JNR saved after this thread's last call
     * @param runtime where native memory comes from
     */
    Win32(Kernel32 kernel32, Advapi32 advapi32, IntSupplier lastError, Runtime runtime) {
        this.kernel32 = kernel32;
        this.advapi32 = advapi32;
        this.lastError = lastError;
        this.runtime = runtime;
    }

    /** Over the real, loaded bindings. */
    static Win32 system() {
        Runtime runtime = WindowsNative.Loaded.RUNTIME;
        return new Win32(WindowsNative.Loaded.KERNEL32, WindowsNative.Loaded.ADVAPI32, runtime::getLastError, runtime);
    }

    Kernel32 kernel32() {
        return kernel32;
    }

    Advapi32 advapi32() {
        return advapi32;
    }

    Runtime runtime() {
        return runtime;
    }

    /** GetLastError of this thread's last call; read it before any other native call. */
    int lastError() {
        return lastError.getAsInt();
    }

    /** An exception for {@code function} failing with {@code code}. */
    NativeCallException failure(String function, int code, String detail) {
        return new NativeCallException(function, "error", code, Win32Constants.errorName(code), detail);
    }

    /** Zeroed native memory of {@code size} bytes. */
    Pointer allocate(int size) {
        return runtime.getMemoryManager().allocateDirect(size, true);
    }

    /** A zeroed OVERLAPPED in native memory. */
    Overlapped newOverlapped() {
        Overlapped overlapped = new Overlapped(runtime);
        overlapped.useMemory(allocate(jnr.ffi.Struct.size(overlapped)));
        return overlapped;
    }

    /** {@code text} as a NUL-terminated UTF-16LE string, as the {@code ...W} functions take it. */
    static byte[] wide(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_16LE);
        return Arrays.copyOf(bytes, bytes.length + 2);
    }

    /** The text of a NUL-terminated UTF-16LE string in native memory. */
    static String readWide(Pointer string) {
        StringBuilder text = new StringBuilder();
        for (long offset = 0; ; offset += 2) {
            char c = (char) string.getShort(offset);
            if (c == 0) {
                return text.toString();
            }
            text.append(c);
        }
    }
}

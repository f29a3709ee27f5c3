package dev.servicecall.transport.jnr.windows;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import dev.servicecall.transport.jnr.windows.WindowsNative.Advapi32;
import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.mockito.stubbing.Answer;

/**
 * Mockito-mocked Win32 bindings with a per-thread scripted GetLastError, as the Windows backend's
 * tests need them. Events get fresh handle numbers from 1000 on; everything else is left to each
 * test to stub.
 */
final class MockKernel {
    final Kernel32 kernel32 = mock(Kernel32.class);
    final Advapi32 advapi32 = mock(Advapi32.class);
    final ScriptedLastError lastError = new ScriptedLastError();
    final Win32 win32 = new Win32(kernel32, advapi32, lastError, jnr.ffi.Runtime.getSystemRuntime());
    private final AtomicLong nextEvent = new AtomicLong(1000);

    MockKernel() {
        lenient().when(kernel32.CreateEventW(isNull(), anyInt(), anyInt(), isNull()))
                .thenAnswer(invocation -> nextEvent.getAndIncrement());
        lenient().when(kernel32.SetEvent(anyLong())).thenReturn(Win32Constants.TRUE);
        lenient().when(kernel32.CloseHandle(anyLong())).thenReturn(Win32Constants.TRUE);
    }

    /** An answer that fails with {@code error} (set on the calling thread) and returns {@code result}. */
    <T> Answer<T> fail(int error, T result) {
        return invocation -> {
            lastError.set(error);
            return result;
        };
    }

    /** The text of a NUL-terminated UTF-16LE argument. */
    static String text(byte[] wide) {
        if (wide.length < 2 || wide[wide.length - 1] != 0 || wide[wide.length - 2] != 0) {
            throw new AssertionError("not NUL-terminated: " + Arrays.toString(wide));
        }
        return new String(wide, 0, wide.length - 2, StandardCharsets.UTF_16LE);
    }

    /** GetLastError as JNR keeps it: per thread. */
    static final class ScriptedLastError implements IntSupplier {
        private final ThreadLocal<Integer> value = ThreadLocal.withInitial(() -> 0);

        void set(int error) {
            value.set(error);
        }

        @Override
        public int getAsInt() {
            return value.get();
        }
    }
}

package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_INSUFFICIENT_BUFFER;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TOKEN_QUERY;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TOKEN_USER_CLASS;

import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.windows.WindowsNative.Advapi32;
import dev.servicecall.transport.jnr.windows.WindowsNative.Kernel32;
import jnr.ffi.Pointer;

/** The string SID ({@code S-1-5-21-...}) of the user this process runs as, from its token. */
final class UserSid {
    private UserSid() {
    }

    /**
     * Reads the SID: OpenProcessToken, GetTokenInformation(TokenUser), ConvertSidToStringSidW.
     *
     * @throws NativeCallException when any of those fails
     */
    static String current(Win32 win32) throws NativeCallException {
        Kernel32 kernel32 = win32.kernel32();
        Advapi32 advapi32 = win32.advapi32();
        int pointerSize = win32.runtime().addressSize();
        Pointer tokenOut = win32.allocate(pointerSize);
        if (advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), TOKEN_QUERY, tokenOut) == FALSE) {
            throw win32.failure("OpenProcessToken", win32.lastError(), null);
        }
        long token = tokenOut.getAddress(0);
        try {
            Pointer length = win32.allocate(Integer.BYTES);
            if (advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, null, 0, length) == FALSE) {
                int error = win32.lastError();
                if (error != ERROR_INSUFFICIENT_BUFFER) {
                    throw win32.failure("GetTokenInformation", error, "TokenUser size");
                }
            }
            int size = length.getInt(0);
            Pointer tokenUser = win32.allocate(Math.max(size, pointerSize));
            if (advapi32.GetTokenInformation(token, TOKEN_USER_CLASS, tokenUser, size, length) == FALSE) {
                throw win32.failure("GetTokenInformation", win32.lastError(), "TokenUser");
            }
            // TOKEN_USER starts with SID_AND_ATTRIBUTES, which starts with the PSID
            Pointer sid = tokenUser.getPointer(0);
            Pointer textOut = win32.allocate(pointerSize);
            if (advapi32.ConvertSidToStringSidW(sid, textOut) == FALSE) {
                throw win32.failure("ConvertSidToStringSidW", win32.lastError(), null);
            }
            Pointer text = textOut.getPointer(0);
            try {
                return Win32.readWide(text);
            } finally {
                kernel32.LocalFree(text);
            }
        } finally {
            kernel32.CloseHandle(token);
        }
    }
}

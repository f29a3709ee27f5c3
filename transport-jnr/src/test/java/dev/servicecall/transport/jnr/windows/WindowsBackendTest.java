package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_ACCESS_DENIED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_FILE_NOT_FOUND;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_INSUFFICIENT_BUFFER;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_IO_PENDING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_NOT_ENOUGH_MEMORY;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_BUSY;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_CONNECTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_SEM_TIMEOUT;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FILE_FLAG_FIRST_PIPE_INSTANCE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FILE_FLAG_OVERLAPPED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.GENERIC_READ;
import static dev.servicecall.transport.jnr.windows.Win32Constants.GENERIC_WRITE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INFINITE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.INVALID_HANDLE_VALUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.OPEN_EXISTING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_ACCESS_DUPLEX;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_REJECT_REMOTE_CLIENTS;
import static dev.servicecall.transport.jnr.windows.Win32Constants.PIPE_UNLIMITED_INSTANCES;
import static dev.servicecall.transport.jnr.windows.Win32Constants.SECURITY_IDENTIFICATION;
import static dev.servicecall.transport.jnr.windows.Win32Constants.SECURITY_SQOS_PRESENT;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TRUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_OBJECT_0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.intThat;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/** Names, creation flags, exclusivity and connecting, against mocked kernel32 bindings. */
@Timeout(30)
@SuppressWarnings("try") // resources held open by try-with-resources for their effect
class WindowsBackendTest {
    private static final String PIPE = "\\\\.\\pipe\\servicecall-test-svc";

    private final MockKernel os = new MockKernel();
    private final WindowsBackend backend = new WindowsBackend(os.win32, "servicecall-test");

    private static byte[] named(String pipeName) {
        return argThat(wide -> wide != null && MockKernel.text(wide).equals(pipeName));
    }

    @Test
    void pipeName_isPipeNamespacePrefixDashName() {
        assertEquals(PIPE, backend.pipeName("svc"));
        assertTrue(backend.describe().contains("\\\\.\\pipe\\servicecall-test-*"), backend.describe());
    }

    @Test
    void bind_firstInstance_flagsDuplexFirstInstanceOverlapped_rejectsRemote_defaultSecurity() throws Exception {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(10L);
        try (ServerEndpoint endpoint = backend.bind("svc")) {
            assertEquals("svc", endpoint.name());
            verify(os.kernel32).CreateNamedPipeW(named(PIPE),
                    eq(PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED),
                    intThat(mode -> (mode & PIPE_REJECT_REMOTE_CLIENTS) != 0 && (mode & ~PIPE_REJECT_REMOTE_CLIENTS) == 0),
                    eq(PIPE_UNLIMITED_INSTANCES), anyInt(), anyInt(), eq(0), isNull());
        }
        verify(os.kernel32).CloseHandle(10L);
    }

    @Test
    void bind_nameTaken_isObjectNameExists_andNothingIsLeftOpen() {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenAnswer(os.fail(ERROR_ACCESS_DENIED, INVALID_HANDLE_VALUE));
        StatusException e = assertThrows(StatusException.class, () -> backend.bind("svc"));
        assertEquals(NtStatus.OBJECT_NAME_EXISTS, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("CreateNamedPipeW: error 5 ERROR_ACCESS_DENIED"), e.getMessage());
        verify(os.kernel32, never()).CreateEventW(any(), anyInt(), anyInt(), any());
    }

    @Test
    void bind_otherFailure_isNoMemory() {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenAnswer(os.fail(ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE));
        assertEquals(NtStatus.NO_MEMORY, assertThrows(StatusException.class, () -> backend.bind("svc")).status());
    }

    @Test
    void prefixWithBackslash_isNoMemory_tooLongName_isNoMemoryOrUnsuccessful() {
        WindowsBackend bad = new WindowsBackend(os.win32, "a\\b");
        assertEquals(NtStatus.NO_MEMORY, assertThrows(StatusException.class, bad::prepareNamespace).status());
        WindowsBackend longPrefix = new WindowsBackend(os.win32, "p".repeat(250));
        assertEquals(NtStatus.NO_MEMORY, assertThrows(StatusException.class, () -> longPrefix.bind("svc")).status());
        assertEquals(NtStatus.UNSUCCESSFUL,
                assertThrows(StatusException.class, () -> longPrefix.connect("svc", 0)).status());
    }

    @Test
    void connect_pipeNotFound_isInvalidParameter1() {
        when(os.kernel32.CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong()))
                .thenAnswer(os.fail(ERROR_FILE_NOT_FOUND, INVALID_HANDLE_VALUE));
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("svc", 0));
        assertEquals(NtStatus.INVALID_PARAMETER_1, e.status(), e.getMessage());
        verify(os.kernel32, times(1)).CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong());
        verify(os.kernel32, never()).WaitNamedPipeW(any(), anyInt());
    }

    @Test
    void connect_opensOverlapped_identificationOnly_readWrite() throws Exception {
        when(os.kernel32.CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong())).thenReturn(77L);
        try (Connection connection = backend.connect("svc", 0)) {
            verify(os.kernel32).CreateFileW(named(PIPE), eq(GENERIC_READ | GENERIC_WRITE), eq(0), isNull(),
                    eq(OPEN_EXISTING), eq(FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION), eq(0L));
        }
        verify(os.kernel32).CloseHandle(77L);
    }

    @Test
    void connect_pipeBusy_waitsWithWaitNamedPipe_thenRetries() throws Exception {
        when(os.kernel32.CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong()))
                .thenAnswer(os.fail(ERROR_PIPE_BUSY, INVALID_HANDLE_VALUE))
                .thenReturn(78L);
        when(os.kernel32.WaitNamedPipeW(any(), anyInt())).thenReturn(TRUE);
        try (Connection connection = backend.connect("svc", 0)) {
            InOrder order = inOrder(os.kernel32);
            order.verify(os.kernel32).CreateFileW(named(PIPE), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong());
            order.verify(os.kernel32).WaitNamedPipeW(named(PIPE), eq(WindowsBackend.UNBOUNDED_WAIT_STEP_MILLIS));
            order.verify(os.kernel32).CreateFileW(named(PIPE), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong());
        }
    }

    @Test
    void connect_busyPastTheTimeout_isIoTimeout() {
        when(os.kernel32.CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong()))
                .thenAnswer(os.fail(ERROR_PIPE_BUSY, INVALID_HANDLE_VALUE));
        when(os.kernel32.WaitNamedPipeW(any(), anyInt())).thenAnswer(invocation -> {
            Thread.sleep((Integer) invocation.getArgument(1)); // what the real call does on timeout
            os.lastError.set(ERROR_SEM_TIMEOUT);
            return FALSE;
        });
        StatusException e = assertThrows(StatusException.class,
                () -> backend.connect("svc", TimeUnit.MILLISECONDS.toNanos(50)));
        assertEquals(NtStatus.IO_TIMEOUT, e.status(), e.getMessage());
        verify(os.kernel32, never()).WaitNamedPipeW(any(), intThat(millis -> millis > 50 || millis < 1));
    }

    @Test
    void connect_busyThenGoneWhileWaiting_isInvalidParameter1() {
        when(os.kernel32.CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong()))
                .thenAnswer(os.fail(ERROR_PIPE_BUSY, INVALID_HANDLE_VALUE));
        when(os.kernel32.WaitNamedPipeW(any(), anyInt())).thenAnswer(os.fail(ERROR_FILE_NOT_FOUND, FALSE));
        assertEquals(NtStatus.INVALID_PARAMETER_1,
                assertThrows(StatusException.class, () -> backend.connect("svc", 0)).status());
    }

    @Test
    void connect_otherError_isUnsuccessful() {
        when(os.kernel32.CreateFileW(any(), anyInt(), anyInt(), any(), anyInt(), anyInt(), anyLong()))
                .thenAnswer(os.fail(ERROR_ACCESS_DENIED, INVALID_HANDLE_VALUE));
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("svc", 0));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("CreateFileW: error 5"), e.getMessage());
    }

    @Test
    void accept_pendingConnect_completes_nextInstanceCreatedBeforeHandingOut() throws Exception {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(10L, 11L);
        when(os.kernel32.ConnectNamedPipe(eq(10L), any())).thenAnswer(os.fail(ERROR_IO_PENDING, FALSE));
        when(os.kernel32.WaitForMultipleObjects(eq(2), any(), eq(FALSE), eq(INFINITE))).thenReturn(WAIT_OBJECT_0);
        when(os.kernel32.GetOverlappedResult(eq(10L), any(), any(), eq(FALSE))).thenReturn(TRUE);
        try (ServerEndpoint endpoint = backend.bind("svc")) {
            Connection connection = endpoint.accept();
            InOrder order = inOrder(os.kernel32);
            order.verify(os.kernel32).ConnectNamedPipe(eq(10L), any());
            order.verify(os.kernel32).CreateNamedPipeW(named(PIPE), eq(PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED),
                    anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), isNull());
            connection.close();
            verify(os.kernel32).CloseHandle(10L);
        }
        verify(os.kernel32).CloseHandle(11L);
    }

    @Test
    void accept_clientConnectedBeforeTheCall_isAConnection() throws Exception {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(10L, 11L);
        when(os.kernel32.ConnectNamedPipe(eq(10L), any())).thenAnswer(os.fail(ERROR_PIPE_CONNECTED, FALSE));
        try (ServerEndpoint endpoint = backend.bind("svc"); Connection connection = endpoint.accept()) {
            verify(os.kernel32, never()).WaitForMultipleObjects(anyInt(), any(), anyInt(), anyInt());
        }
    }

    @Test
    void accept_nextInstanceFails_keepsTheName_andReportsTheError() throws Exception {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(10L)
                .thenAnswer(os.fail(ERROR_NOT_ENOUGH_MEMORY, INVALID_HANDLE_VALUE));
        when(os.kernel32.ConnectNamedPipe(eq(10L), any())).thenAnswer(os.fail(ERROR_PIPE_CONNECTED, FALSE));
        try (ServerEndpoint endpoint = backend.bind("svc")) {
            var e = assertThrows(dev.servicecall.transport.jnr.NativeCallException.class, endpoint::accept);
            assertEquals(ERROR_NOT_ENOUGH_MEMORY, e.code());
            verify(os.kernel32).DisconnectNamedPipe(10L);
            verify(os.kernel32, never()).CloseHandle(10L);
        }
        verify(os.kernel32).CloseHandle(10L);
    }

    @Test
    void defaultPrefix_isServicecallDashUserSid() {
        when(os.kernel32.GetCurrentProcess()).thenReturn(-1L);
        when(os.advapi32.OpenProcessToken(eq(-1L), anyInt(), any())).thenAnswer(invocation -> {
            ((Pointer) invocation.getArgument(2)).putAddress(0, 55L);
            return TRUE;
        });
        Pointer sid = os.win32.allocate(16);
        when(os.advapi32.GetTokenInformation(eq(55L), anyInt(), isNull(), eq(0), any())).thenAnswer(invocation -> {
            ((Pointer) invocation.getArgument(4)).putInt(0, 64);
            os.lastError.set(ERROR_INSUFFICIENT_BUFFER);
            return FALSE;
        });
        when(os.advapi32.GetTokenInformation(eq(55L), anyInt(), any(Pointer.class), eq(64), any())).thenAnswer(invocation -> {
            ((Pointer) invocation.getArgument(2)).putPointer(0, sid);
            return TRUE;
        });
        Pointer text = os.win32.allocate(64);
        byte[] wide = Win32.wide("S-1-5-21-7");
        text.put(0, wide, 0, wide.length);
        when(os.advapi32.ConvertSidToStringSidW(any(), any())).thenAnswer(invocation -> {
            assertEquals(sid.address(), ((Pointer) invocation.getArgument(0)).address());
            ((Pointer) invocation.getArgument(1)).putPointer(0, text);
            return TRUE;
        });
        assertEquals("servicecall-S-1-5-21-7", WindowsBackend.defaultPrefix(os.win32));
        verify(os.kernel32).LocalFree(argThat(p -> p.address() == text.address()));
        verify(os.kernel32).CloseHandle(55L);
    }

    @Test
    void defaultPrefix_withoutToken_fallsBackToTheUserName() {
        when(os.advapi32.OpenProcessToken(anyLong(), anyInt(), any())).thenAnswer(os.fail(ERROR_ACCESS_DENIED, FALSE));
        String expected = "servicecall-" + System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");
        assertEquals(expected, WindowsBackend.defaultPrefix(os.win32));
    }

    @Test
    void configuredNamespace_isThePrefix() {
        assertEquals("\\\\.\\pipe\\team-svc", new WindowsBackend(os.win32,
                TransportConfig.empty().with(TransportConfig.NAMESPACE, "team").get(TransportConfig.NAMESPACE).orElseThrow())
                .pipeName("svc"));
    }

    @Test
    void accept_completesTheOverlappedItStarted_withTheEventsOfTheEndpoint() throws Exception {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(10L, 11L);
        when(os.kernel32.ConnectNamedPipe(eq(10L), any())).thenAnswer(os.fail(ERROR_IO_PENDING, FALSE));
        when(os.kernel32.WaitForMultipleObjects(anyInt(), any(), anyInt(), anyInt())).thenAnswer(invocation -> {
            Pointer handles = invocation.getArgument(1);
            int size = os.win32.runtime().addressSize();
            assertTrue(handles.getAddress(0) >= 1000 && handles.getAddress(size) >= 1000,
                    "waits on the lane's event and the close event");
            return WAIT_OBJECT_0;
        });
        when(os.kernel32.GetOverlappedResult(anyLong(), any(), any(), anyInt())).thenReturn(TRUE);
        try (ServerEndpoint endpoint = backend.bind("svc")) {
            endpoint.accept().close();
            var started = org.mockito.ArgumentCaptor.forClass(WindowsNative.Overlapped.class);
            verify(os.kernel32).ConnectNamedPipe(eq(10L), started.capture());
            verify(os.kernel32).GetOverlappedResult(eq(10L), same(started.getValue()), any(), eq(FALSE));
            assertTrue(started.getValue().event.get() >= 1000, "the OVERLAPPED carries an event");
        }
    }
}

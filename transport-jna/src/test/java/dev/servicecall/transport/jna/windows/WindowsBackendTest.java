package dev.servicecall.transport.jna.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.sun.jna.Pointer;
import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jna.NativeCallException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/**
 * The Windows backend's logic against a Mockito-mocked {@link PipeApi}. Flag values are written
 * here as literals from the Windows SDK headers, independently of {@link Win32Constants}.
 */
@Timeout(30)
class WindowsBackendTest {
    private static final String SID = "S-1-5-21-1000-2000-3000-1001";
    private static final String PIPE = "\\\\.\\pipe\\servicecall-" + SID + "-calc";
    private static final long FIRST = 100;
    private static final long NEXT = 101;
    private static final long CLIENT = 200;
    private static final long WAKE_CLIENT = 500;
    private static final long INVALID = -1;

    // winbase.h / winnt.h / winerror.h
    private static final int PIPE_ACCESS_DUPLEX = 0x00000003;
    private static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    private static final int PIPE_REJECT_REMOTE_CLIENTS = 0x00000008;
    private static final int BYTE_MODE_BLOCKING = 0; // PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT
    private static final int PIPE_UNLIMITED_INSTANCES = 255;
    private static final int GENERIC_READ_WRITE = 0xC0000000;
    private static final int OPEN_EXISTING = 3;
    private static final int SQOS_IDENTIFICATION = 0x00100000 | 0x00010000;
    private static final int ERROR_FILE_NOT_FOUND = 2;
    private static final int ERROR_ACCESS_DENIED = 5;
    private static final int ERROR_BROKEN_PIPE = 109;
    private static final int ERROR_INVALID_NAME = 123;
    private static final int ERROR_SEM_TIMEOUT = 121;
    private static final int ERROR_PIPE_BUSY = 231;
    private static final int ERROR_NO_DATA = 232;
    private static final int ERROR_PIPE_NOT_CONNECTED = 233;
    private static final int ERROR_PIPE_CONNECTED = 535;
    private static final int ERROR_OPERATION_ABORTED = 995;

    private PipeApi api;
    private WindowsBackend backend;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void mockApi() {
        api = mock(PipeApi.class);
        when(api.currentUserSid()).thenReturn(SID);
        backend = new WindowsBackend(api, WindowsBackend.defaultPrefix(api));
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    private void firstInstanceSucceeds() {
        when(api.createNamedPipe(eq(PIPE), eq(PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE), anyInt(), anyInt(),
                anyInt(), anyInt(), anyInt())).thenReturn(FIRST);
        when(api.createNamedPipe(eq(PIPE), eq(PIPE_ACCESS_DUPLEX), anyInt(), anyInt(), anyInt(), anyInt(), anyInt()))
                .thenReturn(NEXT);
    }

    private static void assertStatus(int expected, StatusException e) {
        assertEquals(NtStatus.describe(expected), NtStatus.describe(e.status()), e.getMessage());
    }

    // ---- pipe creation and exclusivity

    @Test
    void bind_createsFirstInstance_duplexByteMode_remoteRejected_defaultSecurity() throws Exception {
        firstInstanceSucceeds();
        ServerEndpoint endpoint = backend.bind("calc");
        assertEquals("calc", endpoint.name());
        // the binding passes NULL security attributes: the default DACL
        verify(api).createNamedPipe(PIPE, PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE,
                BYTE_MODE_BLOCKING | PIPE_REJECT_REMOTE_CLIENTS, PIPE_UNLIMITED_INSTANCES, 65536, 65536, 0);
    }

    @Test
    void pipeName_usesTheUserSid_orTheConfiguredPrefix_orTheUserNameWhenTheSidIsUnknown() {
        assertEquals(PIPE, backend.pipeName("calc"));
        assertEquals("\\\\.\\pipe\\team-x-calc", new WindowsBackend(api, "team-x").pipeName("calc"));

        PipeApi noSid = mock(PipeApi.class);
        when(noSid.currentUserSid()).thenThrow(new IllegalStateException("OpenProcessToken failed"));
        String prefix = WindowsBackend.defaultPrefix(noSid);
        assertTrue(prefix.startsWith("servicecall-") && prefix.length() > "servicecall-".length(), prefix);
        assertFalse(prefix.contains("\\"), prefix);
    }

    @Test
    void bind_pipeExists_accessDenied_isObjectNameExists() {
        when(api.createNamedPipe(anyString(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_ACCESS_DENIED);
        StatusException e = assertThrows(StatusException.class, () -> backend.bind("calc"));
        assertStatus(NtStatus.OBJECT_NAME_EXISTS, e);
        assertTrue(e.getMessage().contains("ERROR_ACCESS_DENIED"), e.getMessage());
    }

    @Test
    void bind_pipeExists_pipeBusy_isObjectNameExists() {
        when(api.createNamedPipe(anyString(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_PIPE_BUSY);
        assertStatus(NtStatus.OBJECT_NAME_EXISTS, assertThrows(StatusException.class, () -> backend.bind("calc")));
    }

    @Test
    void bind_otherFailure_isNoMemory_withTheCallAndCode() {
        when(api.createNamedPipe(anyString(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_INVALID_NAME);
        StatusException e = assertThrows(StatusException.class, () -> backend.bind("calc"));
        assertStatus(NtStatus.NO_MEMORY, e);
        assertTrue(e.getMessage().contains("CreateNamedPipeW: error 123"), e.getMessage());
    }

    @Test
    void tooLongPipeName_bindIsNoMemory_connectIsUnsuccessful() {
        WindowsBackend longPrefix = new WindowsBackend(api, "p".repeat(250));
        assertStatus(NtStatus.NO_MEMORY, assertThrows(StatusException.class, () -> longPrefix.bind("calc")));
        assertStatus(NtStatus.UNSUCCESSFUL, assertThrows(StatusException.class, () -> longPrefix.connect("calc", 0)));
        verify(api, never()).createNamedPipe(anyString(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt());
    }

    // ---- accept

    @Test
    void accept_handsOutTheConnectedInstance_afterCreatingTheNextWithoutTheFirstInstanceFlag() throws Exception {
        firstInstanceSucceeds();
        when(api.connectNamedPipe(FIRST)).thenReturn(true);
        when(api.connectNamedPipe(NEXT)).thenReturn(false);
        when(api.lastError()).thenReturn(ERROR_PIPE_CONNECTED); // a client came before ConnectNamedPipe: success
        when(api.getNamedPipeClientProcessId(FIRST)).thenReturn(4242L);
        when(api.getNamedPipeClientProcessId(NEXT)).thenReturn(4343L);
        ServerEndpoint endpoint = backend.bind("calc");

        Connection first = endpoint.accept();
        InOrder order = inOrder(api);
        order.verify(api).connectNamedPipe(FIRST);
        order.verify(api).createNamedPipe(PIPE, PIPE_ACCESS_DUPLEX, BYTE_MODE_BLOCKING | PIPE_REJECT_REMOTE_CLIENTS,
                PIPE_UNLIMITED_INSTANCES, 65536, 65536, 0);
        assertEquals(4242L, first.peer().pid());

        Connection second = endpoint.accept();
        verify(api).connectNamedPipe(NEXT);
        assertEquals(4343L, second.peer().pid());
    }

    @Test
    void accept_clientLeftBeforeItWasSeen_keepsTheInstance_andTheEndpointStaysUsable() throws Exception {
        firstInstanceSucceeds();
        when(api.connectNamedPipe(FIRST)).thenReturn(false, true);
        when(api.lastError()).thenReturn(ERROR_NO_DATA);
        ServerEndpoint endpoint = backend.bind("calc");

        NativeCallException e = assertThrows(NativeCallException.class, endpoint::accept);
        assertEquals(ERROR_NO_DATA, e.code());
        verify(api).disconnectNamedPipe(FIRST);
        endpoint.accept();
        verify(api, org.mockito.Mockito.times(2)).connectNamedPipe(FIRST);
    }

    @Test
    void close_wakesBlockedAccept_byConnectingAThrowAwayClient_andClosesEveryHandle() throws Exception {
        firstInstanceSucceeds();
        CountDownLatch clientArrived = new CountDownLatch(1);
        when(api.connectNamedPipe(FIRST)).thenAnswer(call -> clientArrived.await(20, TimeUnit.SECONDS));
        when(api.createFile(eq(PIPE), anyInt(), anyInt(), anyInt(), anyInt())).thenAnswer(call -> {
            clientArrived.countDown();
            return WAKE_CLIENT;
        });
        ServerEndpoint endpoint = backend.bind("calc");
        Future<Connection> accepting = threads.submit(endpoint::accept);
        verify(api, timeout(5_000)).connectNamedPipe(FIRST);

        endpoint.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> accepting.get(2, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof AsynchronousCloseException, String.valueOf(e.getCause()));
        verify(api).closeHandle(WAKE_CLIENT);
        verify(api).closeHandle(FIRST);
        assertThrows(ClosedChannelException.class, endpoint::accept);
        endpoint.close(); // idempotent
        verify(api).closeHandle(FIRST);
    }

    @Test
    void close_withNobodyAccepting_closesTheInstance_withoutAThrowAwayClient() throws Exception {
        firstInstanceSucceeds();
        backend.bind("calc").close();
        verify(api).closeHandle(FIRST);
        verify(api, never()).createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt());
    }

    // ---- connect

    @Test
    void connect_opensReadWrite_existingPipe_identificationOnly() throws Exception {
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(CLIENT);
        backend.connect("calc", 0);
        verify(api).createFile(PIPE, GENERIC_READ_WRITE, 0, OPEN_EXISTING, SQOS_IDENTIFICATION);
    }

    @Test
    void connect_pipeNotFound_isInvalidParameter1() {
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_FILE_NOT_FOUND);
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("calc", 0));
        assertStatus(NtStatus.INVALID_PARAMETER_1, e);
        assertTrue(e.getMessage().contains("'calc'"), e.getMessage());
    }

    @Test
    void connect_pipeBusy_waitsForAnInstance_andRetries() throws Exception {
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID, INVALID, CLIENT);
        // the error codes as each failing call leaves them: busy, wait timed out, busy
        when(api.lastError()).thenReturn(ERROR_PIPE_BUSY, ERROR_SEM_TIMEOUT, ERROR_PIPE_BUSY);
        when(api.waitNamedPipe(eq(PIPE), anyInt())).thenReturn(false, true);

        Connection connection = backend.connect("calc", TimeUnit.SECONDS.toNanos(10));
        assertTrue(connection.toString().contains(String.valueOf(CLIENT)), connection.toString());
        verify(api, org.mockito.Mockito.times(3)).createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt());
        verify(api, org.mockito.Mockito.times(2)).waitNamedPipe(eq(PIPE), org.mockito.ArgumentMatchers.intThat(ms -> ms > 0 && ms <= 10_000));
    }

    @Test
    void connect_pipeBusyForTheWholeTimeout_isIoTimeout() {
        AtomicInteger lastError = new AtomicInteger();
        when(api.lastError()).thenAnswer(call -> lastError.get());
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenAnswer(call -> {
            lastError.set(ERROR_PIPE_BUSY);
            return INVALID;
        });
        when(api.waitNamedPipe(anyString(), anyInt())).thenAnswer(call -> {
            Thread.sleep(Math.min(call.<Integer>getArgument(1), 50)); // stands in for WaitNamedPipe's own timeout
            lastError.set(ERROR_SEM_TIMEOUT);
            return false;
        });
        long start = System.nanoTime();
        assertStatus(NtStatus.IO_TIMEOUT, assertThrows(StatusException.class,
                () -> backend.connect("calc", TimeUnit.MILLISECONDS.toNanos(120))));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void connect_pipeBusyThenGone_isInvalidParameter1() {
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_PIPE_BUSY, ERROR_FILE_NOT_FOUND);
        when(api.waitNamedPipe(anyString(), anyInt())).thenReturn(false);
        assertStatus(NtStatus.INVALID_PARAMETER_1, assertThrows(StatusException.class, () -> backend.connect("calc", 0)));
    }

    @Test
    void connect_accessDenied_isUnsuccessful() {
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_ACCESS_DENIED);
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("calc", 0));
        assertStatus(NtStatus.UNSUCCESSFUL, e);
        assertTrue(e.getMessage().contains("CreateFileW: error 5 ERROR_ACCESS_DENIED"), e.getMessage());
    }

    // ---- connection I/O

    private Connection clientConnection() throws StatusException {
        when(api.createFile(anyString(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(CLIENT);
        return backend.connect("calc", 0);
    }

    @Test
    void write_passesTheBytes_andLoopsOverPartialWrites_directAndHeap() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        when(api.writeFile(eq(CLIENT), anyLong(), anyInt())).thenAnswer(call -> {
            int length = Math.min(call.<Integer>getArgument(2), 3); // the pipe takes at most 3 bytes at a time
            sent.write(new Pointer(call.<Long>getArgument(1)).getByteArray(0, length));
            return length;
        });
        Connection connection = clientConnection();

        ByteBuffer direct = ByteBuffer.allocateDirect(16);
        direct.put(new byte[] {1, 2, 3, 4, 5, 6, 7}).flip();
        connection.write(direct);
        assertFalse(direct.hasRemaining());
        ByteBuffer heap = ByteBuffer.wrap(new byte[] {8, 9, 10, 11});
        connection.write(heap);
        assertFalse(heap.hasRemaining());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, sent.toByteArray());
    }

    @Test
    void read_fillsFromThePosition_directAndHeap() throws Exception {
        when(api.readFile(eq(CLIENT), anyLong(), anyInt())).thenAnswer(call -> {
            new Pointer(call.<Long>getArgument(1)).write(0, new byte[] {7, 8}, 0, 2);
            return 2;
        });
        Connection connection = clientConnection();

        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        direct.position(3);
        assertEquals(2, connection.read(direct));
        assertEquals(5, direct.position());
        assertEquals(7, direct.get(3));
        ByteBuffer heap = ByteBuffer.allocate(8);
        assertEquals(2, connection.read(heap));
        assertEquals(8, heap.get(1));
    }

    @Test
    void read_brokenPipeMidCall_isEndOfStream() throws Exception {
        when(api.readFile(eq(CLIENT), anyLong(), anyInt())).thenReturn(-1);
        when(api.lastError()).thenReturn(ERROR_BROKEN_PIPE, ERROR_PIPE_NOT_CONNECTED);
        Connection connection = clientConnection();
        assertEquals(-1, connection.read(ByteBuffer.allocateDirect(8)));
        assertEquals(-1, connection.read(ByteBuffer.allocate(8)));
    }

    @Test
    void write_brokenPipeMidCall_throwsIOExceptionNamingTheCall() throws Exception {
        when(api.writeFile(eq(CLIENT), anyLong(), anyInt())).thenReturn(-1);
        when(api.lastError()).thenReturn(ERROR_NO_DATA, ERROR_BROKEN_PIPE);
        Connection connection = clientConnection();

        NativeCallException noData = assertThrows(NativeCallException.class, () -> connection.write(ByteBuffer.allocateDirect(4)));
        assertEquals("WriteFile", noData.call());
        assertTrue(noData.getMessage().contains("ERROR_NO_DATA") && noData.getMessage().contains("closed the pipe"), noData.getMessage());
        NativeCallException broken = assertThrows(NativeCallException.class, () -> connection.write(ByteBuffer.allocate(4)));
        assertEquals(ERROR_BROKEN_PIPE, broken.code());
    }

    @Test
    void read_otherFailure_throwsWithTheCode() throws Exception {
        when(api.readFile(eq(CLIENT), anyLong(), anyInt())).thenReturn(-1);
        when(api.lastError()).thenReturn(ERROR_ACCESS_DENIED);
        Connection connection = clientConnection();
        NativeCallException e = assertThrows(NativeCallException.class, () -> connection.read(ByteBuffer.allocate(4)));
        assertEquals("ReadFile", e.call());
        assertEquals(ERROR_ACCESS_DENIED, e.code());
    }

    @Test
    void peer_isTheClientPid_withoutUid() throws Exception {
        firstInstanceSucceeds();
        when(api.connectNamedPipe(FIRST)).thenReturn(true);
        when(api.getNamedPipeClientProcessId(FIRST)).thenReturn(4242L);
        Connection server = backend.bind("calc").accept();

        CallerIdentity peer = server.peer();
        assertEquals(4242L, peer.pid());
        assertTrue(peer.uid().isEmpty());
        server.peer();
        verify(api).getNamedPipeClientProcessId(FIRST); // asked once, then cached
    }

    @Test
    void peer_failure_isIOException() throws Exception {
        firstInstanceSucceeds();
        when(api.connectNamedPipe(FIRST)).thenReturn(true);
        when(api.getNamedPipeClientProcessId(FIRST)).thenReturn(-1L);
        when(api.lastError()).thenReturn(ERROR_PIPE_NOT_CONNECTED);
        Connection server = backend.bind("calc").accept();
        NativeCallException e = assertThrows(NativeCallException.class, server::peer);
        assertEquals("GetNamedPipeClientProcessId", e.call());
    }

    @Test
    void close_cancelsBlockedRead_thenClosesTheHandle() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        when(api.readFile(eq(CLIENT), anyLong(), anyInt())).thenAnswer(call -> {
            cancelled.await(20, TimeUnit.SECONDS);
            return -1;
        });
        when(api.lastError()).thenReturn(ERROR_OPERATION_ABORTED);
        when(api.cancelIoEx(CLIENT)).thenAnswer(call -> {
            cancelled.countDown();
            return true;
        });
        Connection connection = clientConnection();
        Future<Integer> reading = threads.submit(() -> connection.read(ByteBuffer.allocateDirect(4)));
        verify(api, timeout(5_000)).readFile(eq(CLIENT), anyLong(), anyInt());
        verify(api, never()).closeHandle(CLIENT);

        connection.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> reading.get(2, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof AsynchronousCloseException, String.valueOf(e.getCause()));
        verify(api, timeout(2_000)).closeHandle(CLIENT); // released by the reader on its way out
        verify(api, never()).disconnectNamedPipe(CLIENT); // a client handle is not a server instance
        assertThrows(ClosedChannelException.class, () -> connection.read(ByteBuffer.allocate(1)));
    }

    @Test
    void close_serverInstance_disconnectsTheClient() throws Exception {
        firstInstanceSucceeds();
        when(api.connectNamedPipe(FIRST)).thenReturn(true);
        Connection server = backend.bind("calc").accept();
        server.close();
        InOrder order = inOrder(api);
        order.verify(api).disconnectNamedPipe(FIRST);
        order.verify(api).closeHandle(FIRST);
    }

    @Test
    void awaitReadable_pollsPeekNamedPipe() throws Exception {
        when(api.peekNamedPipe(CLIENT)).thenReturn(0, 0, 5);
        Connection connection = clientConnection();
        assertFalse(connection.awaitReadable(0));
        assertTrue(connection.awaitReadable(TimeUnit.SECONDS.toNanos(5)));

        when(api.peekNamedPipe(CLIENT)).thenReturn(0);
        long start = System.nanoTime();
        assertFalse(connection.awaitReadable(TimeUnit.MILLISECONDS.toNanos(40)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(35));

        when(api.peekNamedPipe(CLIENT)).thenReturn(-1);
        when(api.lastError()).thenReturn(ERROR_BROKEN_PIPE);
        assertTrue(connection.awaitReadable(TimeUnit.SECONDS.toNanos(5)), "a broken pipe is readable: read reports the end");
    }

    // ---- listing names

    private static final String LISTING = "\\\\.\\pipe\\*";
    private static final int ERROR_NO_MORE_FILES = 18;
    private static final long FIND = 77;

    /** FindFirstFileW then FindNextFileW hand out {@code names} in order, then ERROR_NO_MORE_FILES. */
    private void pipesAre(String... names) {
        AtomicInteger next = new AtomicInteger();
        when(api.findFirstFile(eq(LISTING), any())).thenAnswer(call -> {
            ((String[]) call.getArgument(1))[0] = names[next.getAndIncrement()];
            return FIND;
        });
        when(api.findNextFile(eq(FIND), any())).thenAnswer(call -> {
            if (next.get() == names.length) {
                return false;
            }
            ((String[]) call.getArgument(1))[0] = names[next.getAndIncrement()];
            return true;
        });
        when(api.lastError()).thenReturn(ERROR_NO_MORE_FILES);
    }

    @Test
    void listNames_enumeratesThePipeNamespace_keepsThisUsersValidNames_sorted_andClosesTheSearch() throws Exception {
        pipesAre("servicecall-" + SID + "-calc", "mojo.1234.5678", "servicecall-" + SID + "-Alpha.v2",
                "servicecall-S-1-5-21-9-9-9-500-calc", "servicecall-" + SID + "-bad name",
                "servicecall-" + SID + "-", "SERVICECALL-" + SID + "-zeta");
        assertEquals(List.of(BoundName.live("Alpha.v2"), BoundName.live("calc"), BoundName.live("zeta")),
                backend.listNames(), "pipe names compare case-insensitively; other users' and invalid names are skipped");
        verify(api).findClose(FIND);
    }

    @Test
    void listNames_noPipeAtAll_isEmpty() throws Exception {
        when(api.findFirstFile(eq(LISTING), any())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_FILE_NOT_FOUND);
        assertEquals(List.of(), backend.listNames());
        verify(api, never()).findClose(anyLong());
    }

    @Test
    void listNames_failures_areUnsuccessful_namingTheCall_andTheSearchIsClosed() {
        when(api.findFirstFile(eq(LISTING), any())).thenReturn(INVALID);
        when(api.lastError()).thenReturn(ERROR_ACCESS_DENIED);
        StatusException first = assertThrows(StatusException.class, backend::listNames);
        assertStatus(NtStatus.UNSUCCESSFUL, first);
        assertTrue(first.getMessage().contains("FindFirstFileW"), first.getMessage());

        pipesAre("servicecall-" + SID + "-calc", "servicecall-" + SID + "-more");
        when(api.findNextFile(eq(FIND), any())).thenReturn(false);
        when(api.lastError()).thenReturn(ERROR_ACCESS_DENIED);
        StatusException next = assertThrows(StatusException.class, backend::listNames);
        assertStatus(NtStatus.UNSUCCESSFUL, next);
        assertTrue(next.getMessage().contains("FindNextFileW"), next.getMessage());
        verify(api).findClose(FIND);
    }

    @Test
    void findDataFileName_isTheUtf16NameUpToItsNul() {
        byte[] findData = new byte[592];
        byte[] name = "servicecall-x-calc".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        System.arraycopy(name, 0, findData, 44, name.length);
        findData[44 + name.length + 2] = 'J'; // after the NUL: ignored
        assertEquals("servicecall-x-calc", Kernel32Pipes.fileName(findData));
        java.util.Arrays.fill(findData, 44, 44 + 520, (byte) 'a'); // no NUL: stops at MAX_PATH
        assertEquals(260, Kernel32Pipes.fileName(findData).length());
    }
}

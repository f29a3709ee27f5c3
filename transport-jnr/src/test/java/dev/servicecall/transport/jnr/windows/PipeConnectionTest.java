package dev.servicecall.transport.jnr.windows;

import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_BROKEN_PIPE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_INVALID_HANDLE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_IO_PENDING;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_NO_DATA;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_OPERATION_ABORTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.ERROR_PIPE_CONNECTED;
import static dev.servicecall.transport.jnr.windows.Win32Constants.FALSE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.TRUE;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_OBJECT_0;
import static dev.servicecall.transport.jnr.windows.Win32Constants.WAIT_TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.transport.jnr.NativeCallException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jnr.ffi.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.InOrder;

/** Reads, writes, identity and closing of pipe connections and endpoints, against mocked kernel32 bindings. */
@Timeout(30)
@SuppressWarnings("try") // resources held open by try-with-resources for their effect
class PipeConnectionTest {
    private static final long PIPE = 40L;

    private final MockKernel os = new MockKernel();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private Connection connection() throws Exception {
        return PipeConnection.open(os.win32, PIPE, false);
    }

    /** GetOverlappedResult reports {@code counts} bytes, one per call. */
    private void transfers(int... counts) {
        var stub = when(os.kernel32.GetOverlappedResult(eq(PIPE), any(), any(), eq(FALSE)));
        for (int count : counts) {
            stub = stub.thenAnswer(invocation -> {
                ((Pointer) invocation.getArgument(2)).putInt(0, count);
                return TRUE;
            });
        }
    }

    @Test
    void read_completedAtOnce_deliversTheBytes() throws Exception {
        when(os.kernel32.ReadFile(eq(PIPE), any(), anyInt(), isNull(), any())).thenAnswer(invocation -> {
            ByteBuffer target = invocation.getArgument(1);
            target.put(target.position(), new byte[] {1, 2, 3});
            return TRUE;
        });
        transfers(3);
        try (Connection connection = connection()) {
            ByteBuffer target = ByteBuffer.allocateDirect(8);
            assertEquals(3, connection.read(target));
            assertEquals(3, target.position());
            assertEquals(2, target.get(1));
            // heap buffers go through the staging buffer
            ByteBuffer heap = ByteBuffer.allocate(8).position(4);
            transfers(3);
            assertEquals(3, connection.read(heap));
            assertEquals(7, heap.position());
            assertEquals(3, heap.get(6));
        }
    }

    @Test
    void read_pendingThenCompleted_waitsOnTheLaneAndCloseEvents() throws Exception {
        when(os.kernel32.ReadFile(eq(PIPE), any(), anyInt(), isNull(), any())).thenAnswer(os.fail(ERROR_IO_PENDING, FALSE));
        when(os.kernel32.WaitForMultipleObjects(eq(2), any(), eq(FALSE), anyInt())).thenReturn(WAIT_OBJECT_0);
        transfers(5);
        try (Connection connection = connection()) {
            assertEquals(5, connection.read(ByteBuffer.allocateDirect(8)));
        }
    }

    @Test
    void read_brokenPipe_isEndOfStream_atOnceOrWhilePending() throws Exception {
        when(os.kernel32.ReadFile(eq(PIPE), any(), anyInt(), isNull(), any()))
                .thenAnswer(os.fail(ERROR_BROKEN_PIPE, FALSE))
                .thenAnswer(os.fail(ERROR_IO_PENDING, FALSE));
        when(os.kernel32.WaitForMultipleObjects(eq(2), any(), eq(FALSE), anyInt())).thenReturn(WAIT_OBJECT_0);
        when(os.kernel32.GetOverlappedResult(eq(PIPE), any(), any(), eq(FALSE))).thenAnswer(os.fail(ERROR_BROKEN_PIPE, FALSE));
        try (Connection connection = connection()) {
            assertEquals(-1, connection.read(ByteBuffer.allocateDirect(8)));
            assertEquals(-1, connection.read(ByteBuffer.allocateDirect(8)));
        }
    }

    @Test
    void read_otherError_isNativeCallExceptionWithCallAndCode() throws Exception {
        when(os.kernel32.ReadFile(eq(PIPE), any(), anyInt(), isNull(), any())).thenAnswer(os.fail(ERROR_INVALID_HANDLE, FALSE));
        try (Connection connection = connection()) {
            NativeCallException e = assertThrows(NativeCallException.class, () -> connection.read(ByteBuffer.allocateDirect(8)));
            assertEquals("ReadFile", e.function());
            assertEquals(ERROR_INVALID_HANDLE, e.code());
            assertTrue(e.getMessage().startsWith("ReadFile: error 6 ERROR_INVALID_HANDLE"), e.getMessage());
        }
    }

    @Test
    void write_brokenPipeMidCall_isIOException() throws Exception {
        when(os.kernel32.WriteFile(eq(PIPE), any(), anyInt(), isNull(), any()))
                .thenReturn(TRUE)
                .thenAnswer(os.fail(ERROR_NO_DATA, FALSE));
        transfers(4);
        try (Connection connection = connection()) {
            ByteBuffer source = ByteBuffer.allocateDirect(10);
            NativeCallException e = assertThrows(NativeCallException.class, () -> connection.write(source));
            assertEquals(ERROR_NO_DATA, e.code());
            assertTrue(e.getMessage().contains("the other end closed the pipe"), e.getMessage());
            assertEquals(4, source.position(), "the part written before the break");
        }
    }

    @Test
    void write_partialCompletions_writeEverything_heapThroughStaging() throws Exception {
        when(os.kernel32.WriteFile(eq(PIPE), any(), anyInt(), isNull(), any())).thenReturn(TRUE);
        transfers(3, 7, 5);
        try (Connection connection = connection()) {
            ByteBuffer direct = ByteBuffer.allocateDirect(10);
            connection.write(direct);
            assertFalse(direct.hasRemaining());
            ByteBuffer heap = ByteBuffer.wrap(new byte[5]);
            connection.write(heap);
            assertFalse(heap.hasRemaining());
        }
        verify(os.kernel32, times(3)).WriteFile(eq(PIPE), any(), anyInt(), isNull(), any());
    }

    @Test
    void peer_isTheClientPid_withoutUid_readOnce() throws Exception {
        when(os.kernel32.GetNamedPipeClientProcessId(eq(PIPE), any())).thenAnswer(invocation -> {
            ((Pointer) invocation.getArgument(1)).putInt(0, 4242);
            return TRUE;
        });
        try (Connection connection = connection()) {
            CallerIdentity peer = connection.peer();
            assertEquals(4242, peer.pid());
            assertTrue(peer.uid().isEmpty());
            assertEquals(peer, connection.peer());
        }
        verify(os.kernel32, times(1)).GetNamedPipeClientProcessId(eq(PIPE), any());
    }

    @Test
    void peer_failure_isNativeCallException() throws Exception {
        when(os.kernel32.GetNamedPipeClientProcessId(eq(PIPE), any())).thenAnswer(os.fail(ERROR_INVALID_HANDLE, FALSE));
        try (Connection connection = connection()) {
            assertEquals("GetNamedPipeClientProcessId",
                    assertThrows(NativeCallException.class, connection::peer).function());
        }
    }

    @Test
    void close_wakesBlockedRead_cancelsAndWaitsForTheOperation_thenReleasesHandles() throws Exception {
        CountDownLatch closeSignalled = new CountDownLatch(1);
        when(os.kernel32.SetEvent(anyLong())).thenAnswer(invocation -> {
            closeSignalled.countDown();
            return TRUE;
        });
        when(os.kernel32.ReadFile(eq(PIPE), any(), anyInt(), isNull(), any())).thenAnswer(os.fail(ERROR_IO_PENDING, FALSE));
        when(os.kernel32.WaitForMultipleObjects(eq(2), any(), eq(FALSE), anyInt())).thenAnswer(invocation -> {
            // like the real wait: returns when the close event (index 1) is signalled
            if (!closeSignalled.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("close never signalled the close event");
            }
            return WAIT_OBJECT_0 + 1;
        });
        when(os.kernel32.GetOverlappedResult(eq(PIPE), any(), any(), eq(TRUE))).thenAnswer(os.fail(ERROR_OPERATION_ABORTED, FALSE));
        Connection connection = connection();
        Future<Integer> reading = threads.submit(() -> connection.read(ByteBuffer.allocateDirect(8)));
        assertThrows(TimeoutException.class, () -> reading.get(200, TimeUnit.MILLISECONDS), "read did not block");
        verify(os.kernel32, never()).CloseHandle(PIPE);
        connection.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> reading.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof AsynchronousCloseException, e.getCause().toString());
        InOrder order = inOrder(os.kernel32);
        order.verify(os.kernel32).CancelIoEx(eq(PIPE), any());
        order.verify(os.kernel32).GetOverlappedResult(eq(PIPE), any(), any(), eq(TRUE));
        order.verify(os.kernel32).CloseHandle(PIPE);
        assertThrows(ClosedChannelException.class, () -> connection.read(ByteBuffer.allocateDirect(1)));
        connection.close();
        verify(os.kernel32, times(1)).CloseHandle(PIPE);
        verify(os.kernel32, times(4)).CloseHandle(anyLong()); // the pipe, two lane events, the close event
    }

    @Test
    void awaitReadable_peeksUntilDataOrTimeout_pausingOnTheCloseEvent() throws Exception {
        when(os.kernel32.PeekNamedPipe(eq(PIPE), isNull(), eq(0), isNull(), any(), isNull()))
                .thenAnswer(invocation -> {
                    ((Pointer) invocation.getArgument(4)).putInt(0, 0);
                    return TRUE;
                })
                .thenAnswer(invocation -> {
                    ((Pointer) invocation.getArgument(4)).putInt(0, 9);
                    return TRUE;
                });
        when(os.kernel32.WaitForSingleObject(anyLong(), anyInt())).thenReturn(WAIT_TIMEOUT);
        try (Connection connection = connection()) {
            assertTrue(connection.awaitReadable(TimeUnit.SECONDS.toNanos(5)));
            verify(os.kernel32, times(1)).WaitForSingleObject(anyLong(), eq(1));
        }
    }

    @Test
    void awaitReadable_nothingArrives_falseAfterTheTimeout_zeroDoesNotWait() throws Exception {
        when(os.kernel32.PeekNamedPipe(eq(PIPE), isNull(), eq(0), isNull(), any(), isNull())).thenReturn(TRUE);
        when(os.kernel32.WaitForSingleObject(anyLong(), anyInt())).thenAnswer(invocation -> {
            Thread.sleep((Integer) invocation.getArgument(1));
            return WAIT_TIMEOUT;
        });
        try (Connection connection = connection()) {
            assertFalse(connection.awaitReadable(0));
            verify(os.kernel32, never()).WaitForSingleObject(anyLong(), anyInt());
            long start = System.nanoTime();
            assertFalse(connection.awaitReadable(TimeUnit.MILLISECONDS.toNanos(40)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(40));
        }
    }

    @Test
    void awaitReadable_brokenPipe_isReadable_closeEndsIt() throws Exception {
        when(os.kernel32.PeekNamedPipe(eq(PIPE), isNull(), eq(0), isNull(), any(), isNull()))
                .thenAnswer(os.fail(ERROR_BROKEN_PIPE, FALSE))
                .thenReturn(TRUE);
        Connection connection = connection();
        assertTrue(connection.awaitReadable(TimeUnit.SECONDS.toNanos(5)), "end of stream is readable");
        // the close event ends the wait between polls
        CountDownLatch closeSignalled = new CountDownLatch(1);
        when(os.kernel32.SetEvent(anyLong())).thenAnswer(invocation -> {
            closeSignalled.countDown();
            return TRUE;
        });
        when(os.kernel32.WaitForSingleObject(anyLong(), anyInt())).thenAnswer(invocation -> {
            boolean signalled = closeSignalled.await(invocation.<Integer>getArgument(1), TimeUnit.MILLISECONDS);
            return signalled ? WAIT_OBJECT_0 : WAIT_TIMEOUT;
        });
        Future<Boolean> waiting = threads.submit(() -> connection.awaitReadable(TimeUnit.SECONDS.toNanos(20)));
        assertThrows(TimeoutException.class, () -> waiting.get(200, TimeUnit.MILLISECONDS), "awaitReadable did not wait");
        connection.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof AsynchronousCloseException, e.getCause().toString());
        verify(os.kernel32).CloseHandle(PIPE);
    }

    @Test
    void endpointClose_wakesBlockedAccept_andClosesTheWaitingInstance() throws Exception {
        CountDownLatch closeSignalled = new CountDownLatch(1);
        when(os.kernel32.SetEvent(anyLong())).thenAnswer(invocation -> {
            closeSignalled.countDown();
            return TRUE;
        });
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(10L);
        when(os.kernel32.ConnectNamedPipe(eq(10L), any())).thenAnswer(os.fail(ERROR_IO_PENDING, FALSE));
        when(os.kernel32.WaitForMultipleObjects(eq(2), any(), eq(FALSE), anyInt())).thenAnswer(invocation -> {
            if (!closeSignalled.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("close never signalled the close event");
            }
            return WAIT_OBJECT_0 + 1;
        });
        ServerEndpoint endpoint = new WindowsBackend(os.win32, "t").bind("svc");
        Future<Connection> accepting = threads.submit(endpoint::accept);
        assertThrows(TimeoutException.class, () -> accepting.get(200, TimeUnit.MILLISECONDS), "accept did not block");
        endpoint.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> accepting.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ClosedChannelException, e.getCause().toString());
        InOrder order = inOrder(os.kernel32);
        order.verify(os.kernel32).CancelIoEx(eq(10L), any());
        order.verify(os.kernel32).GetOverlappedResult(eq(10L), any(), any(), eq(TRUE));
        order.verify(os.kernel32).CloseHandle(10L);
        assertThrows(ClosedChannelException.class, endpoint::accept);
    }

    @Test
    void acceptedConnection_readsAndWritesOnTheConnectedInstance() throws Exception {
        when(os.kernel32.CreateNamedPipeW(any(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), anyInt(), any()))
                .thenReturn(PIPE, 41L);
        when(os.kernel32.ConnectNamedPipe(eq(PIPE), any())).thenAnswer(os.fail(ERROR_PIPE_CONNECTED, FALSE));
        when(os.kernel32.WriteFile(eq(PIPE), any(), anyInt(), isNull(), any())).thenAnswer(invocation -> {
            ByteBuffer source = invocation.getArgument(1);
            byte[] seen = new byte[invocation.<Integer>getArgument(2)];
            source.get(source.position(), seen);
            assertArrayEquals(new byte[] {7, 8}, seen);
            return TRUE;
        });
        transfers(2);
        try (ServerEndpoint endpoint = new WindowsBackend(os.win32, "t").bind("svc");
                Connection connection = endpoint.accept()) {
            connection.write(ByteBuffer.wrap(new byte[] {7, 8}));
            connection.close();
            InOrder order = inOrder(os.kernel32);
            order.verify(os.kernel32).DisconnectNamedPipe(PIPE);
            order.verify(os.kernel32).CloseHandle(PIPE);
        }
    }

    @Test
    void clientConnectionClose_doesNotDisconnect() throws Exception {
        connection().close();
        verify(os.kernel32, never()).DisconnectNamedPipe(anyLong());
        verify(os.kernel32).CloseHandle(PIPE);
    }
}

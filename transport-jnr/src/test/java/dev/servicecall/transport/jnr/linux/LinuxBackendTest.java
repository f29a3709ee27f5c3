package dev.servicecall.transport.jnr.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jnr.NativeCallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
@Timeout(60)
@SuppressWarnings("try") // resources held open by try-with-resources for their effect
class LinuxBackendTest {
    @TempDir
    Path temp;

    private Path dir;
    private LinuxBackend backend;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void createBackend() {
        dir = temp.resolve("ns");
        backend = LinuxBackend.create(TransportConfig.empty().with(TransportConfig.NAMESPACE, dir.toString()));
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "test threads did not stop");
    }

    @Test
    void namespace_createdPrivate_mode0700() throws Exception {
        backend.prepareNamespace();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)));
        backend.prepareNamespace(); // idempotent
    }

    @Test
    void namespace_removedAfterUse_isCreatedAgain_andReplacedByAnOpenOne_isRefused() throws Exception {
        backend.bind("first").close();
        Files.delete(dir);
        backend.bind("again").close();
        assertTrue(Files.isDirectory(dir));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(NtStatus.NO_MEMORY, assertThrows(StatusException.class, () -> backend.bind("third")).status());
        assertEquals(NtStatus.UNSUCCESSFUL, assertThrows(StatusException.class, () -> backend.connect("third", 0)).status());
    }

    @Test
    void namespace_groupReadable_isRefusedWithNoMemory() throws Exception {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        StatusException e = assertThrows(StatusException.class, backend::prepareNamespace);
        assertEquals(NtStatus.NO_MEMORY, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("0750"), e.getMessage());
    }

    @Test
    void namespace_symbolicLink_isRefused() throws Exception {
        Path real = Files.createDirectory(temp.resolve("real"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createSymbolicLink(dir, real);
        assertEquals(NtStatus.NO_MEMORY, assertThrows(StatusException.class, backend::prepareNamespace).status());
    }

    @Test
    void connect_throughNamespaceOthersCanEnter_isUnsuccessful() throws Exception {
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("svc", 0));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status(), e.getMessage());
    }

    @Test
    void bind_socketMode0600_lockMode0600_removedOnClose() throws Exception {
        ServerEndpoint endpoint = backend.bind("svc");
        Path socket = dir.resolve("svc.sock");
        Path lock = dir.resolve("svc.lock");
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.readAttributes(socket, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther(), "svc.sock is not a socket");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)));
        assertEquals("svc", endpoint.name());
        endpoint.close();
        assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "socket left behind");
        assertFalse(Files.exists(lock, LinkOption.NOFOLLOW_LINKS), "lock left behind");
        endpoint.close(); // idempotent
    }

    @Test
    void roundTrip_directAndHeapBuffers_bothDirections() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("echo")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (Connection client = backend.connect("echo", 0);
                    Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                byte[] payload = new byte[1 << 20];
                new Random(7).nextBytes(payload);
                Future<byte[]> received = threads.submit(() -> readFully(server, payload.length, false));
                ByteBuffer direct = ByteBuffer.allocateDirect(payload.length).put(payload).flip();
                client.write(direct);
                assertFalse(direct.hasRemaining(), "write left bytes");
                assertArrayEquals(payload, received.get(20, TimeUnit.SECONDS), "client -> server (direct -> heap)");

                Future<byte[]> back = threads.submit(() -> readFully(client, payload.length, true));
                server.write(ByteBuffer.wrap(payload, 5, payload.length - 5));
                server.write(ByteBuffer.wrap(payload, 0, 5));
                byte[] expected = new byte[payload.length];
                System.arraycopy(payload, 5, expected, 0, payload.length - 5);
                System.arraycopy(payload, 0, expected, payload.length - 5, 5);
                assertArrayEquals(expected, back.get(20, TimeUnit.SECONDS), "server -> client (heap -> direct)");
            }
        }
    }

    @Test
    void read_heapBuffer_writesOnlyTheBytesReceived() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("heap")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (Connection client = backend.connect("heap", 0);
                    Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                byte[] array = {9, 9, 9, 9, 9, 9, 9, 9};
                ByteBuffer target = ByteBuffer.wrap(array).position(2);
                int n = server.read(target);
                assertTrue(n >= 1 && n <= 3);
                assertEquals(2 + n, target.position());
                for (int i = 2 + n; i < array.length; i++) {
                    assertEquals(9, array[i], "byte " + i + " beyond what was read was changed");
                }
            }
        }
    }

    @Test
    void bind_twiceInProcess_isObjectNameExists_thenFreeAfterClose() throws Exception {
        ServerEndpoint first = backend.bind("once");
        StatusException e = assertThrows(StatusException.class, () -> backend.bind("once"));
        assertEquals(NtStatus.OBJECT_NAME_EXISTS, e.status(), e.getMessage());
        // the refused attempt must not have disturbed the owner
        Future<Connection> accepted = threads.submit(first::accept);
        try (Connection c = backend.connect("once", 0)) {
            accepted.get(10, TimeUnit.SECONDS).close();
        }
        first.close();
        backend.bind("once").close();
    }

    @Test
    void bind_otherBackendSameDirectory_isObjectNameExists() throws Exception {
        LinuxBackend other = LinuxBackend.create(TransportConfig.empty().with(TransportConfig.NAMESPACE, dir.toString()));
        try (ServerEndpoint endpoint = backend.bind("shared")) {
            assertEquals(NtStatus.OBJECT_NAME_EXISTS, assertThrows(StatusException.class, () -> other.bind("shared")).status());
        }
    }

    @Test
    void connect_unknownName_isInvalidParameter1() throws Exception {
        backend.prepareNamespace();
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("nobody", 0));
        assertEquals(NtStatus.INVALID_PARAMETER_1, e.status(), e.getMessage());
    }

    @Test
    void connect_namespaceMissing_isInvalidParameter1() {
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("nobody", 0));
        assertEquals(NtStatus.INVALID_PARAMETER_1, e.status(), e.getMessage());
        assertFalse(Files.exists(dir), "a client must not create the name space");
    }

    @Test
    void connect_staleSocketWithoutListener_isInvalidParameter1_andBindReplacesIt() throws Exception {
        backend.prepareNamespace();
        // a socket file nobody listens on, as a killed owner leaves it
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(dir.resolve("stale.sock")));
        }
        assertTrue(Files.exists(dir.resolve("stale.sock")));
        assertEquals(NtStatus.INVALID_PARAMETER_1,
                assertThrows(StatusException.class, () -> backend.connect("stale", 0)).status());
        try (ServerEndpoint endpoint = backend.bind("stale")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            backend.connect("stale", 0).close();
            accepted.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void bind_staleLockFileNotHeld_isFree() throws Exception {
        backend.prepareNamespace();
        Files.write(dir.resolve("left.lock"), new byte[0]);
        backend.bind("left").close();
    }

    @Test
    void peer_isThisProcess_pidAndUid() throws Exception {
        long uid = ((Number) Files.getAttribute(temp, "unix:uid")).longValue();
        try (ServerEndpoint endpoint = backend.bind("who")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (Connection client = backend.connect("who", 0);
                    Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                CallerIdentity peer = server.peer();
                assertEquals(ProcessHandle.current().pid(), peer.pid());
                assertEquals(uid, peer.uid().getAsLong());
                assertEquals(peer, server.peer(), "cached identity changed");
            }
        }
    }

    @Test
    void close_wakesBlockedAccept() throws Exception {
        ServerEndpoint endpoint = backend.bind("wake");
        Future<Connection> accepting = threads.submit(endpoint::accept);
        assertStillBlocked(accepting);
        endpoint.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> accepting.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof ClosedChannelException, "accept ended with " + e.getCause());
        assertThrows(ClosedChannelException.class, endpoint::accept);
        // the name is free at once
        backend.bind("wake").close();
    }

    @Test
    void close_wakesBlockedRead_andAwaitReadable() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("wakeread")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            Connection client = backend.connect("wakeread", 0);
            try (Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                Future<Integer> reading = threads.submit(() -> client.read(ByteBuffer.allocateDirect(16)));
                assertStillBlocked(reading);
                client.close();
                ExecutionException e = assertThrows(ExecutionException.class, () -> reading.get(5, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof ClosedChannelException, "read ended with " + e.getCause());
                assertThrows(ClosedChannelException.class, () -> client.read(ByteBuffer.allocateDirect(1)));
                assertThrows(ClosedChannelException.class, () -> client.write(ByteBuffer.wrap(new byte[1])));
                // the server sees the client's close as end of stream
                assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(5)));
                assertEquals(-1, server.read(ByteBuffer.allocateDirect(16)));
            }
            Connection another = backend.connect("wakeread", 0);
            try (Connection server = endpoint.accept()) {
                Future<Boolean> waiting = threads.submit(() -> server.awaitReadable(TimeUnit.MINUTES.toNanos(1)));
                assertStillBlocked(waiting);
                server.close();
                ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof ClosedChannelException, "awaitReadable ended with " + e.getCause());
            } finally {
                another.close();
            }
        }
    }

    @Test
    void awaitReadable_timesOut_thenSeesData() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("poll")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (Connection client = backend.connect("poll", 0);
                    Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                assertFalse(server.awaitReadable(0));
                long start = System.nanoTime();
                assertFalse(server.awaitReadable(TimeUnit.MILLISECONDS.toNanos(50)));
                assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "returned early");
                client.write(ByteBuffer.wrap(new byte[] {1}));
                assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(5)));
            }
        }
    }

    @Test
    void write_afterPeerClosed_isIOException_notSigpipe() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("pipe")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (Connection client = backend.connect("pipe", 0)) {
                accepted.get(10, TimeUnit.SECONDS).close();
                ByteBuffer data = ByteBuffer.allocateDirect(64 << 10);
                IOException e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        client.write(data.clear());
                    }
                });
                assertTrue(e instanceof NativeCallException, e.toString());
                assertTrue(e.getMessage().startsWith("send: errno "), e.getMessage());
            }
        }
    }

    @Test
    void endpointClose_leavesAcceptedConnectionsOpen() throws Exception {
        ServerEndpoint endpoint = backend.bind("keep");
        Future<Connection> accepted = threads.submit(endpoint::accept);
        try (Connection client = backend.connect("keep", 0);
                Connection server = accepted.get(10, TimeUnit.SECONDS)) {
            endpoint.close();
            client.write(ByteBuffer.wrap(new byte[] {5}));
            ByteBuffer one = ByteBuffer.allocate(1);
            assertEquals(1, server.read(one));
            assertEquals(5, one.get(0));
        }
    }

    private static byte[] readFully(Connection connection, int length, boolean direct) throws IOException {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (connection.read(buffer) < 0) {
                throw new IOException("end of stream after " + buffer.position());
            }
        }
        byte[] bytes = new byte[length];
        buffer.flip().get(bytes);
        return bytes;
    }

    /** The task has not finished after a short grace period (it is blocked, as it should be). */
    private static void assertStillBlocked(Future<?> task) throws Exception {
        assertThrows(TimeoutException.class, () -> task.get(200, TimeUnit.MILLISECONDS),
                "the call returned instead of blocking");
    }
}

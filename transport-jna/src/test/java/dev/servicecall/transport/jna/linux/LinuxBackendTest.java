package dev.servicecall.transport.jna.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jna.ThreadProbe;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
@Timeout(30)
class LinuxBackendTest {
    private static final long CONNECT_TIMEOUT = TimeUnit.SECONDS.toNanos(5);
    private static final Duration WAKE_LIMIT = Duration.ofSeconds(2);

    @TempDir
    Path temp;

    private Path namespace;
    private LinuxBackend backend;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void prepare() throws StatusException {
        namespace = temp.resolve("ns");
        backend = new LinuxBackend(namespace, Syscalls.uid());
        backend.prepareNamespace();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS), "a test thread is still blocked");
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private ServerEndpoint bind(String name) throws StatusException {
        return closeLater(backend.bind(name));
    }

    private Connection connect(String name) throws StatusException {
        return closeLater(backend.connect(name, CONNECT_TIMEOUT));
    }

    private Connection accept(ServerEndpoint endpoint) throws Exception {
        return closeLater(threads.submit(endpoint::accept).get(5, TimeUnit.SECONDS));
    }

    private static void writeAll(Connection connection, byte[] bytes, boolean direct) throws IOException {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        buffer.put(bytes).flip();
        connection.write(buffer);
        assertFalse(buffer.hasRemaining());
    }

    private static byte[] readExactly(Connection connection, int count, boolean direct) throws IOException {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(count) : ByteBuffer.allocate(count);
        while (buffer.hasRemaining()) {
            assertTrue(connection.awaitReadable(TimeUnit.SECONDS.toNanos(5)), "no data within 5 s");
            if (connection.read(buffer) < 0) {
                fail("end of stream after " + buffer.position() + " of " + count + " bytes");
            }
        }
        byte[] bytes = new byte[count];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static StatusException expectStatus(int status, ThrowingRunnable action) {
        StatusException thrown = assertThrows(StatusException.class, action::run);
        assertEquals(NtStatus.describe(status), NtStatus.describe(thrown.status()), thrown.getMessage());
        return thrown;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void roundTrip_bytesArriveInOrder_bothDirections_directAndHeapBuffers() throws Exception {
        ServerEndpoint endpoint = bind("round-trip");
        Connection client = connect("round-trip");
        Connection server = accept(endpoint);

        // larger than the socket buffer and the 64 KiB staging buffer, so writes block and loop
        byte[] request = pattern(600_000, 1);
        Future<?> writing = threads.submit(() -> {
            writeAll(client, request, false);
            return null;
        });
        assertArrayEquals(request, readExactly(server, request.length, true));
        writing.get(5, TimeUnit.SECONDS);

        byte[] reply = pattern(300_000, 7);
        writing = threads.submit(() -> {
            writeAll(server, reply, true);
            return null;
        });
        assertArrayEquals(reply, readExactly(client, reply.length, false));
        writing.get(5, TimeUnit.SECONDS);
    }

    @Test
    void read_honoursBufferPositionAndLimit() throws Exception {
        ServerEndpoint endpoint = bind("positions");
        Connection client = connect("positions");
        Connection server = accept(endpoint);
        writeAll(client, new byte[] {1, 2, 3, 4, 5}, true);

        ByteBuffer target = ByteBuffer.allocateDirect(16);
        target.position(3).limit(6);
        int total = 0;
        while (total < 3) {
            assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(5)));
            total += server.read(target);
        }
        assertEquals(6, target.position());
        target.limit(target.capacity());
        assertEquals(1, target.get(3));
        assertEquals(3, target.get(5));
        assertEquals(0, target.get(6), "read past the limit");
        assertArrayEquals(new byte[] {4, 5}, readExactly(server, 2, false));
    }

    @Test
    void read_afterPeerClosed_isEndOfStream_andWriteFailsWithoutSignal() throws Exception {
        ServerEndpoint endpoint = bind("peer-gone");
        Connection client = connect("peer-gone");
        Connection server = accept(endpoint);
        client.close();

        assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(5)), "end of stream makes the connection readable");
        assertEquals(-1, server.read(ByteBuffer.allocate(8)));
        // EPIPE, not SIGPIPE: the JVM survives and the failure names the call
        IOException failure = assertThrows(IOException.class, () -> writeAll(server, pattern(1 << 20, 3), true));
        assertTrue(failure.getMessage().startsWith("send: errno"), failure.getMessage());
    }

    @Test
    void awaitReadable_timesOutWithoutData_thenSeesData() throws Exception {
        ServerEndpoint endpoint = bind("await");
        Connection client = connect("await");
        Connection server = accept(endpoint);

        long start = System.nanoTime();
        assertFalse(server.awaitReadable(TimeUnit.MILLISECONDS.toNanos(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90), "returned before the timeout");
        assertFalse(server.awaitReadable(0));

        writeAll(client, new byte[] {9}, false);
        assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(5)));
        assertArrayEquals(new byte[] {9}, readExactly(server, 1, true));
    }

    @Test
    void peer_isThisProcess_pidAndUidFromSoPeercred() throws Exception {
        ServerEndpoint endpoint = bind("peer");
        connect("peer");
        Connection server = accept(endpoint);

        CallerIdentity peer = server.peer();
        assertEquals(ProcessHandle.current().pid(), peer.pid());
        assertEquals(Syscalls.uid(), peer.uid().orElseThrow());
    }

    @Test
    void bind_nameHeldInThisProcess_isObjectNameExists_andNothingIsDisturbed() throws Exception {
        ServerEndpoint first = bind("taken");
        expectStatus(NtStatus.OBJECT_NAME_EXISTS, () -> bind("taken"));

        // the first owner still works
        connect("taken");
        accept(first);
        assertTrue(Files.exists(backend.socketPath("taken")));
    }

    @Test
    void endpointClose_removesSocketAndLock_andNameIsFreeAtOnce() throws Exception {
        ServerEndpoint first = backend.bind("reuse");
        assertTrue(Files.exists(backend.socketPath("reuse")));
        assertTrue(Files.exists(backend.lockPath("reuse")));
        first.close();
        first.close(); // idempotent

        assertFalse(Files.exists(backend.socketPath("reuse"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(backend.lockPath("reuse")));
        expectStatus(NtStatus.INVALID_PARAMETER_1, () -> connect("reuse"));

        ServerEndpoint second = bind("reuse");
        connect("reuse");
        accept(second);
    }

    @Test
    void endpointClose_wakesBlockedAccept() throws Exception {
        ServerEndpoint endpoint = backend.bind("wake-accept");
        AtomicReference<Thread> acceptor = new AtomicReference<>();
        Future<Connection> accepting = threads.submit(() -> {
            acceptor.set(Thread.currentThread());
            return endpoint.accept();
        });
        ThreadProbe.awaitInside(acceptor, "accept4", Duration.ofSeconds(5));

        long start = System.nanoTime();
        endpoint.close();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> accepting.get(WAKE_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(failure.getCause() instanceof ClosedChannelException, String.valueOf(failure.getCause()));
        assertTrue(System.nanoTime() - start < WAKE_LIMIT.toNanos());
        assertThrows(ClosedChannelException.class, endpoint::accept);
    }

    @Test
    void connectionClose_wakesBlockedReadAndAwait() throws Exception {
        ServerEndpoint endpoint = bind("wake-read");
        Connection client = connect("wake-read");
        Connection server = accept(endpoint);

        AtomicReference<Thread> reader = new AtomicReference<>();
        Future<Integer> reading = threads.submit(() -> {
            reader.set(Thread.currentThread());
            return server.read(ByteBuffer.allocateDirect(8));
        });
        ThreadProbe.awaitInside(reader, "recv", Duration.ofSeconds(5));
        server.close();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> reading.get(WAKE_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(failure.getCause() instanceof ClosedChannelException, String.valueOf(failure.getCause()));
        assertThrows(ClosedChannelException.class, () -> server.read(ByteBuffer.allocate(1)));
        assertThrows(ClosedChannelException.class, () -> server.write(ByteBuffer.allocate(1)));

        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<Boolean> waiting = threads.submit(() -> {
            waiter.set(Thread.currentThread());
            return client.awaitReadable(TimeUnit.SECONDS.toNanos(60));
        });
        // the server side is closed, so the client sees end of stream at once
        assertTrue(waiting.get(WAKE_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(-1, client.read(ByteBuffer.allocate(1)));
    }

    @Test
    void connectionClose_wakesBlockedAwaitReadable() throws Exception {
        ServerEndpoint endpoint = bind("wake-poll");
        connect("wake-poll");
        Connection server = accept(endpoint);

        AtomicReference<Thread> waiter = new AtomicReference<>();
        Future<Boolean> waiting = threads.submit(() -> {
            waiter.set(Thread.currentThread());
            return server.awaitReadable(TimeUnit.SECONDS.toNanos(60));
        });
        ThreadProbe.awaitInside(waiter, "poll", Duration.ofSeconds(5));
        server.close();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> waiting.get(WAKE_LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(failure.getCause() instanceof ClosedChannelException, String.valueOf(failure.getCause()));
    }

    @Test
    void connect_unknownName_isInvalidParameter1() {
        StatusException e = expectStatus(NtStatus.INVALID_PARAMETER_1, () -> connect("nobody"));
        assertTrue(e.getMessage().contains("nobody"), e.getMessage());
    }

    @Test
    void connect_namespaceNeverCreated_isInvalidParameter1() {
        LinuxBackend fresh = new LinuxBackend(temp.resolve("never-created"), Syscalls.uid());
        expectStatus(NtStatus.INVALID_PARAMETER_1, () -> fresh.connect("anything", CONNECT_TIMEOUT).close());
    }

    @Test
    void connect_staleSocketNobodyListensOn_isInvalidParameter1() throws Exception {
        leaveStaleSocket(backend.socketPath("stale"));
        expectStatus(NtStatus.INVALID_PARAMETER_1, () -> connect("stale"));
    }

    @Test
    void bind_staleSocketAndUnlockedLockFile_doNotBlock() throws Exception {
        leaveStaleSocket(backend.socketPath("left-over"));
        Files.createFile(backend.lockPath("left-over"));

        ServerEndpoint endpoint = bind("left-over");
        connect("left-over");
        accept(endpoint);
    }

    /** A socket file whose listener is gone, made by the JDK's own AF_UNIX support. */
    private static void leaveStaleSocket(Path path) throws IOException {
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "the JDK left no socket file");
    }

    @Test
    void namespaceDirectoryIs0700_socketIs0600() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(namespace)));
        bind("modes");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backend.socketPath("modes"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backend.lockPath("modes"))));
    }

    @Test
    void prepareNamespace_groupAccessibleDirectory_isRefusedWithNoMemory() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x---"));
        LinuxBackend exposed = new LinuxBackend(open, Syscalls.uid());

        StatusException e = expectStatus(NtStatus.NO_MEMORY, exposed::prepareNamespace);
        assertTrue(e.getMessage().contains("0750"), e.getMessage());
        expectStatus(NtStatus.NO_MEMORY, () -> exposed.bind("x"));
        expectStatus(NtStatus.UNSUCCESSFUL, () -> exposed.connect("x", CONNECT_TIMEOUT));
    }

    @Test
    void prepareNamespace_symbolicLink_isRefused() throws Exception {
        Path target = Files.createDirectory(temp.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(temp.resolve("link"), target);
        StatusException e = expectStatus(NtStatus.NO_MEMORY, () -> new LinuxBackend(link, Syscalls.uid()).prepareNamespace());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void prepareNamespace_ownedByAnotherUser_isRefused() {
        StatusException e = expectStatus(NtStatus.NO_MEMORY,
                () -> new LinuxBackend(namespace, Syscalls.uid() + 1).prepareNamespace());
        assertTrue(e.getMessage().contains("belongs to uid"), e.getMessage());
    }

    @Test
    void longSocketPath_bindIsNoMemory_connectIsUnsuccessful_withMessage() throws Exception {
        Path deep = namespace;
        while (NativePaths.bytes(deep).length < 90) {
            deep = deep.resolve("d123456789");
        }
        LinuxBackend far = new LinuxBackend(deep, Syscalls.uid());
        far.prepareNamespace();
        String name = "n".repeat(30);

        StatusException bind = expectStatus(NtStatus.NO_MEMORY, () -> far.bind(name).close());
        assertTrue(bind.getMessage().contains("at most 107"), bind.getMessage());
        StatusException connect = expectStatus(NtStatus.UNSUCCESSFUL, () -> far.connect(name, CONNECT_TIMEOUT).close());
        assertTrue(connect.getMessage().contains("at most 107"), connect.getMessage());
        assertFalse(Files.exists(far.lockPath(name)), "a refused bind left its lock file");
    }

    @Test
    void jdkUnixSocketChannel_talksToOurEndpoint() throws Exception {
        ServerEndpoint endpoint = bind("interop");
        try (SocketChannel jdk = SocketChannel.open(UnixDomainSocketAddress.of(backend.socketPath("interop")))) {
            Connection server = accept(endpoint);
            jdk.write(ByteBuffer.wrap(new byte[] {5, 6, 7}));
            assertArrayEquals(new byte[] {5, 6, 7}, readExactly(server, 3, true));
            writeAll(server, new byte[] {8}, false);
            ByteBuffer reply = ByteBuffer.allocate(1);
            assertEquals(1, jdk.read(reply));
            assertEquals(8, reply.get(0));
        }
    }

    @Test
    void connect_backlogStaysFull_isIoTimeout() throws Exception {
        bind("full");
        // nobody accepts: fill the listen backlog, then one more connect must give up in time
        List<Connection> queued = new ArrayList<>();
        try {
            long timeout = TimeUnit.MILLISECONDS.toNanos(200);
            for (int i = 0; i <= LinuxConstants.LISTEN_BACKLOG + 1; i++) {
                try {
                    queued.add(backend.connect("full", timeout));
                } catch (StatusException e) {
                    assertEquals(NtStatus.describe(NtStatus.IO_TIMEOUT), NtStatus.describe(e.status()), e.getMessage());
                    return;
                }
            }
            fail("the backlog of " + LinuxConstants.LISTEN_BACKLOG + " never filled");
        } finally {
            queued.forEach(Connection::close);
        }
    }

    @Test
    void namespaceChoice_configuredThenXdgThenTmp() throws Exception {
        long uid = Syscalls.uid();
        Path xdg = Files.createDirectory(temp.resolve("xdg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path configured = temp.resolve("configured");

        assertEquals(configured, NamespaceDirectory.choose(java.util.Optional.of(configured), xdg.toString(), "/tmp", uid));
        assertEquals(xdg.resolve("servicecall"), NamespaceDirectory.choose(java.util.Optional.empty(), xdg.toString(), "/tmp", uid));
        assertEquals(Path.of("/tmp/servicecall-" + uid), NamespaceDirectory.choose(java.util.Optional.empty(), null, "/tmp", uid));
        assertEquals(Path.of("/tmp/servicecall-" + uid), NamespaceDirectory.choose(java.util.Optional.empty(), "relative", "/tmp", uid));

        Files.setPosixFilePermissions(xdg, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Path.of("/tmp/servicecall-" + uid), NamespaceDirectory.choose(java.util.Optional.empty(), xdg.toString(), "/tmp", uid),
                "an XDG_RUNTIME_DIR open to others is not usable");
    }

    @Test
    void bindFailure_afterLock_releasesTheName() throws Exception {
        // a directory where the socket should be makes bind fail after the lock was taken
        Files.createDirectory(backend.socketPath("blocked"));
        Files.createFile(backend.socketPath("blocked").resolve("keep"));
        StatusException e = expectStatus(NtStatus.NO_MEMORY, () -> bind("blocked"));
        assertTrue(e.getMessage().contains("unlink"), e.getMessage());
        assertFalse(Files.exists(backend.lockPath("blocked")), "the lock file was left behind");
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listNames_boundNamesLive_sorted_invalidFileNamesIgnored() throws Exception {
        assertEquals(List.of(), backend.listNames());
        toClose.add(backend.bind("Zeta"));
        toClose.add(backend.bind("alpha.v2"));
        Files.createFile(namespace.resolve(".hidden.sock"));
        Files.createFile(namespace.resolve("Other.txt"));
        assertEquals(List.of(BoundName.live("Zeta"), BoundName.live("alpha.v2")), backend.listNames());
    }

    @Test
    void listNames_leftoversOfADeadOwner_areStale_andAReRegistrationMakesThemLive() throws Exception {
        // What a SIGKILLed owner leaves: its socket file and an unlocked lock file (or none).
        Files.createFile(namespace.resolve("Crashed.sock"));
        Files.createFile(namespace.resolve("Crashed.lock"));
        Files.createFile(namespace.resolve("NoLock.sock"));
        assertEquals(List.of(BoundName.stale("Crashed"), BoundName.stale("NoLock")), backend.listNames());

        toClose.add(backend.bind("Crashed"));
        assertEquals(List.of(BoundName.live("Crashed"), BoundName.stale("NoLock")), backend.listNames());
    }

    @Test
    void listNames_afterUnregister_nameIsGone() throws Exception {
        ServerEndpoint endpoint = backend.bind("Brief");
        assertEquals(List.of(BoundName.live("Brief")), backend.listNames());
        endpoint.close();
        assertEquals(List.of(), backend.listNames());
    }

    @Test
    void listNames_missingNamespace_isEmpty_notPrivate_isUnsuccessful() throws Exception {
        assertEquals(List.of(), new LinuxBackend(temp.resolve("absent"), Syscalls.uid()).listNames());
        Files.setPosixFilePermissions(namespace, PosixFilePermissions.fromString("rwxr-xr-x"));
        StatusException e = assertThrows(StatusException.class, backend::listNames);
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("0755"), e.getMessage());
    }
}

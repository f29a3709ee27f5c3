package dev.servicecall.transport.jnr.linux;

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
import dev.servicecall.transport.jnr.testing.ChildJvm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The backend between two JVMs: exclusivity, identity and crash recovery need a second process. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
@SuppressWarnings("try") // resources held open by try-with-resources for their effect
class LinuxCrossProcessTest {
    private static final long CHILD_START_SECONDS = 60;

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
    void bind_nameHeldByLiveProcess_isObjectNameExists_andTheOwnerKeepsServing() throws Exception {
        try (ChildJvm child = ChildJvm.start(LinuxBackendChild.class, "serve", dir.toString(), "held")) {
            child.awaitLine("BOUND", CHILD_START_SECONDS, TimeUnit.SECONDS);
            StatusException e = assertThrows(StatusException.class, () -> backend.bind("held"));
            assertEquals(NtStatus.OBJECT_NAME_EXISTS, e.status(), e.getMessage());
            try (Connection connection = backend.connect("held", 0)) {
                assertEquals(42, echo(connection, (byte) 42));
            }
        }
    }

    @Test
    void bind_nameHeldByThisProcess_childGetsObjectNameExists() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("mine");
                ChildJvm child = ChildJvm.start(LinuxBackendChild.class, "bind", dir.toString(), "mine")) {
            // a child that bound the name prints BOUND and exits, so waiting for STATUS fails at once
            String line = child.awaitLine("STATUS", CHILD_START_SECONDS, TimeUnit.SECONDS);
            assertTrue(line.startsWith("STATUS 0x40000000"), line);
            assertEquals(0, child.awaitExit(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void ownerKilled_staleSocketIsInvalidParameter1_andNameCanBeBoundAgain() throws Exception {
        try (ChildJvm child = ChildJvm.start(LinuxBackendChild.class, "serve", dir.toString(), "crash")) {
            child.awaitLine("BOUND", CHILD_START_SECONDS, TimeUnit.SECONDS);
            child.kill();
        }
        assertTrue(Files.exists(dir.resolve("crash.sock"), LinkOption.NOFOLLOW_LINKS), "SIGKILL cannot remove files");
        assertTrue(Files.exists(dir.resolve("crash.lock"), LinkOption.NOFOLLOW_LINKS), "SIGKILL cannot remove files");
        StatusException e = assertThrows(StatusException.class, () -> backend.connect("crash", 0));
        assertEquals(NtStatus.INVALID_PARAMETER_1, e.status(), e.getMessage());
        try (ServerEndpoint endpoint = backend.bind("crash")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (Connection client = backend.connect("crash", 0);
                    Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                client.write(ByteBuffer.wrap(new byte[] {7}));
                ByteBuffer one = ByteBuffer.allocateDirect(1);
                assertEquals(1, server.read(one));
            }
        }
    }

    @Test
    void ownerKilledDuringRead_readEndsPromptly() throws Exception {
        try (ChildJvm child = ChildJvm.start(LinuxBackendChild.class, "serve", dir.toString(), "dies")) {
            child.awaitLine("BOUND", CHILD_START_SECONDS, TimeUnit.SECONDS);
            try (Connection connection = backend.connect("dies", 0)) {
                Future<Integer> reading = threads.submit(() -> connection.read(ByteBuffer.allocateDirect(8)));
                child.kill();
                long start = System.nanoTime();
                int result;
                try {
                    result = reading.get(2, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof IOException, e.getCause().toString());
                    result = -1;
                }
                assertEquals(-1, result);
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
            }
        }
    }

    @Test
    void peer_isTheClientProcess() throws Exception {
        long uid = ((Number) Files.getAttribute(temp, "unix:uid")).longValue();
        try (ServerEndpoint endpoint = backend.bind("ident")) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            try (ChildJvm child = ChildJvm.start(LinuxBackendChild.class, "connect", dir.toString(), "ident");
                    Connection server = accepted.get(CHILD_START_SECONDS, TimeUnit.SECONDS)) {
                CallerIdentity peer = server.peer();
                assertEquals(child.pid(), peer.pid());
                assertEquals(uid, peer.uid().getAsLong());
                ByteBuffer one = ByteBuffer.allocateDirect(1);
                assertEquals(1, server.read(one));
                server.write(one.flip());
                child.awaitLine("ECHO 42", 30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void ownerClosesCleanly_filesRemoved_nameFree() throws Exception {
        try (ChildJvm child = ChildJvm.start(LinuxBackendChild.class, "serve", dir.toString(), "clean")) {
            child.awaitLine("BOUND", CHILD_START_SECONDS, TimeUnit.SECONDS);
            child.send("");
            child.process().getOutputStream().close();
            child.awaitLine("CLOSED", 30, TimeUnit.SECONDS);
            assertEquals(0, child.awaitExit(30, TimeUnit.SECONDS));
        }
        assertFalse(Files.exists(dir.resolve("clean.sock"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("clean.lock"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(NtStatus.INVALID_PARAMETER_1,
                assertThrows(StatusException.class, () -> backend.connect("clean", 0)).status());
        backend.bind("clean").close();
    }

    private static int echo(Connection connection, byte value) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1).put(0, value);
        connection.write(buffer);
        buffer.clear();
        if (connection.read(buffer) != 1) {
            throw new IOException("no echo");
        }
        return buffer.get(0);
    }
}

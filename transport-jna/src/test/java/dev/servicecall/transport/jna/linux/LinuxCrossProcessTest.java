package dev.servicecall.transport.jna.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jna.ChildJvm;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

/** The Linux backend between this JVM and a child JVM ({@link LinuxBackendChild}). */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class LinuxCrossProcessTest {
    private static final Duration CHILD_START = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Path namespace;
    private LinuxBackend backend;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void prepare() throws StatusException {
        namespace = temp.resolve("ns");
        backend = new LinuxBackend(namespace, Syscalls.uid());
        backend.prepareNamespace();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void nameHeldByLiveProcess_isObjectNameExists_andFreeOnceItIsKilled() throws Exception {
        try (ChildJvm owner = ChildJvm.start(LinuxBackendChild.class, "hold", namespace.toString(), "shared-name")) {
            assertEquals(String.valueOf(owner.pid()), owner.awaitLine("BOUND", CHILD_START));
            assertEquals(List.of(BoundName.live("shared-name")), backend.listNames(), "another process's lock is seen");

            StatusException taken = assertThrows(StatusException.class, () -> backend.bind("shared-name"));
            assertEquals(NtStatus.describe(NtStatus.OBJECT_NAME_EXISTS), NtStatus.describe(taken.status()), taken.getMessage());

            owner.kill();
        }
        // SIGKILL left the socket and lock files behind; they must not matter
        assertEquals(List.of(BoundName.stale("shared-name")), backend.listNames(), "listed, marked stale");
        assertTrue(Files.exists(backend.socketPath("shared-name")), "expected the dead owner's socket file to remain");
        StatusException stale = assertThrows(StatusException.class, () -> backend.connect("shared-name", 0));
        assertEquals(NtStatus.describe(NtStatus.INVALID_PARAMETER_1), NtStatus.describe(stale.status()), stale.getMessage());

        try (ServerEndpoint endpoint = backend.bind("shared-name");
             Connection client = backend.connect("shared-name", TimeUnit.SECONDS.toNanos(5))) {
            Future<Connection> accepted = threads.submit(endpoint::accept);
            accepted.get(5, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void soPeercred_reportsTheChildsPidAndOurUid() throws Exception {
        try (ServerEndpoint endpoint = backend.bind("who");
             ChildJvm client = ChildJvm.start(LinuxBackendChild.class, "connect", namespace.toString(), "who")) {
            Future<Connection> accepting = threads.submit(endpoint::accept);
            try (Connection server = accepting.get(CHILD_START.toSeconds(), TimeUnit.SECONDS)) {
                CallerIdentity peer = server.peer();
                assertEquals(client.pid(), peer.pid());
                assertEquals(Syscalls.uid(), peer.uid().orElseThrow());

                ByteBuffer one = ByteBuffer.allocate(1);
                assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(10)));
                assertEquals(1, server.read(one));
                assertEquals(42, one.get(0));

                client.kill();
                assertTrue(server.awaitReadable(TimeUnit.SECONDS.toNanos(5)), "a killed peer shows as end of stream");
                assertEquals(-1, server.read(ByteBuffer.allocate(1)));
            }
        }
    }
}

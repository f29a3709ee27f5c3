package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service process as the harness runs it: ready line, endpoint, stop, nothing left behind. */
class ServerProcessTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void nioService_inItsOwnProcess_answersAndStopsWhenClosed(@TempDir Path directory) {
        Path socket = directory.resolve("nio.sock");
        Path log = directory.resolve("server.log");
        assertTimeoutPreemptively(LIMIT, () -> {
            ProcessHandle child;
            try (ServerProcess server = ServerProcess.start(List.of("-Xmx64m"), List.of("nio", socket.toString()), log, 30)) {
                assertEquals(socket.toString(), server.endpoint());
                child = ProcessHandle.of(server.pid()).orElseThrow();
                try (RowConnector connector = RowConnector.open(new RowTarget(RowTarget.Kind.NIO, server.endpoint(), "", ""));
                        BenchClient client = connector.newClient()) {
                    assertEquals(BenchRoutines.NULL_EXPECTED, client.nullCall());
                }
            }
            assertFalse(child.isAlive(), "closing stops the service process");
            assertFalse(Files.exists(socket), "the service removed its socket on the way out");
            assertTrue(Files.readString(log).startsWith(BenchServer.READY + " " + child.pid()), Files.readString(log));
        });
    }

    @Test
    void aServiceThatFails_isReportedWithItsOutput_andDoesNotLinger(@TempDir Path directory) {
        assertTimeoutPreemptively(LIMIT, () -> {
            IOException failure = assertThrows(IOException.class, () -> ServerProcess.start(List.of("-Xmx64m"),
                    List.of("nio", directory.resolve("no-such-dir").resolve("x.sock").toString()),
                    directory.resolve("server.log"), 30));
            assertTrue(failure.getMessage().contains("failed"), failure.getMessage());
            assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive),
                    "no child process left behind");
        });
    }
}

package dev.servicecall.demo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.transport.inmemory.InMemoryServiceCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's routines and client script, run in one process over the in-memory transport. */
@Timeout(30)
class DemoInOneProcessTest {

    @Test
    void clientScriptSucceedsAndServiceSeesTheCallerPid() throws Exception {
        ByteArrayOutputStream serviceLog = new ByteArrayOutputStream();
        ByteArrayOutputStream clientLog = new ByteArrayOutputStream();
        try (InMemoryServiceCall sc = InMemoryServiceCall.create()) {
            new DemoRoutines(new PrintStream(serviceLog, true, StandardCharsets.UTF_8)).registerAll(sc);
            assertDoesNotThrow(() -> new DemoClient(sc, new PrintStream(clientLog, true, StandardCharsets.UTF_8)).run());
        }
        String client = clientLog.toString(StandardCharsets.UTF_8);
        assertTrue(client.contains("1 + 1 = 2"), client);
        assertTrue(client.contains("5 - 3 = 2"), client);
        assertTrue(client.contains("the list includes this client"), client);
        assertTrue(serviceLog.toString(StandardCharsets.UTF_8).contains("client pid " + ProcessHandle.current().pid()));
    }

    @Test
    void snapshotRoundTrips() {
        ProcessSnapshot snapshot = ProcessSnapshot.take();
        byte[] bytes = snapshot.encode();
        ProcessSnapshot decoded = ProcessSnapshot.decode(bytes, bytes.length);
        assertEquals(snapshot.entries().size(), decoded.entries().size());
        assertTrue(decoded.entries().stream().anyMatch(entry -> entry.pid() == ProcessHandle.current().pid()));
    }
}

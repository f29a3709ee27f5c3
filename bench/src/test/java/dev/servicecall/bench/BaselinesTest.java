package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clients and services of every row, in this JVM: the right answers, the changes written back. */
class BaselinesTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

    private static void exercise(BenchClient client) throws Exception {
        assertEquals(BenchRoutines.NULL_EXPECTED, client.nullCall());
        assertEquals(BenchRoutines.NULL_EXPECTED, client.nullCall(), "a second call on the same connection");
        for (int size : new int[] {BenchRoutines.SMALL_BUFFER, BenchRoutines.LARGE_BUFFER, BenchRoutines.SMALL_BUFFER}) {
            byte[] data = random(size);
            byte[] sent = data.clone();
            EchoTransform.verify("echo of " + size, sent, client.echo(data));
        }
    }

    @Test
    void nio_pingPongServerAnswersNullCallsAndEchoes_andRemovesItsSocket(@TempDir Path directory) {
        Path socket = directory.resolve("nio.sock");
        assertTimeoutPreemptively(LIMIT, () -> {
            try (NioPingPongServer server = NioPingPongServer.start(socket)) {
                try (NioPingPongClient first = new NioPingPongClient(socket);
                        NioPingPongClient second = new NioPingPongClient(socket)) {
                    exercise(first);
                    exercise(second);
                    byte[] data = random(BenchRoutines.SMALL_BUFFER);
                    assertSame(data, first.echo(data), "NIO reads the reply into the caller's array");
                }
                assertTrue(Files.exists(socket));
            }
        });
        assertFalse(Files.exists(socket), "close() removes the socket file");
    }

    @Test
    void rmi_serverOnAnEphemeralLoopbackPortAnswersBothOperations() {
        assertTimeoutPreemptively(LIMIT, () -> {
            System.setProperty("java.rmi.server.hostname", "127.0.0.1");
            try (RmiEchoServer server = RmiEchoServer.start()) {
                assertTrue(server.registryPort() > 0, "port " + server.registryPort());
                exercise(RmiClient.lookup(server.registryPort()));
            }
        });
    }

    @Test
    void inMemory_routinesRunInThisProcess_andWriteBack() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (RowConnector connector = RowConnector.open(new RowTarget(RowTarget.Kind.SERVICECALL_IN_PROCESS, "",
                    "inmemory", ""))) {
                try (BenchClient client = connector.newClient()) {
                    exercise(client);
                    byte[] data = random(BenchRoutines.SMALL_BUFFER);
                    assertSame(data, client.echo(data), "ServiceCall writes back into the caller's array");
                }
            }
        });
    }
}

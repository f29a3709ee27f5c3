package dev.servicecall.interop;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jna.JnaTransportProvider;
import dev.servicecall.transport.jnr.JnrTransportProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A service process on one transport called from this JVM on the other, checking that the child
 * really runs the other transport, and that the two share one name space (exclusivity across them).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class InteropEndToEndTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} client -> {1} service")
    @CsvSource({"jnr, jna", "jna, jnr"})
    void clientOnOneTransport_callsServiceProcessOnTheOther(String client, String service) throws Exception {
        Path namespace = temp.resolve("ns");
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, namespace.toString());
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + TransportConfig.NAMESPACE + "=" + namespace,
                InteropServiceMain.class.getName(), service)).redirectErrorStream(true).start();
        BlockingQueue<String> lines = pump(child);
        try {
            assertEquals("READY " + service, awaitLine(lines, "READY"), "the service process runs " + service);
            try (ServiceCallSession caller = ServiceCall.open(new CrossPairProvider(client), config)) {
                assertEquals(client, caller.transportName());
                byte[] sum = new byte[4];
                assertEquals(0, caller.call("ServerPlusInt", dword(40), dword(2), pointer(sum)));
                assertEquals(42, ByteBuffer.wrap(sum).order(ByteOrder.LITTLE_ENDIAN).getInt());
                assertEquals("CALLER " + ProcessHandle.current().pid(), awaitLine(lines, "CALLER"));

                caller.initialize();
                ServiceCallException taken = assertThrows(ServiceCallException.class,
                        () -> caller.register("ServerPlusInt", InteropServiceMain.PLUS, call -> 0));
                assertEquals(NtStatus.describe(NtStatus.OBJECT_NAME_EXISTS), NtStatus.describe(taken.status()),
                        "the " + service + " service's name is taken for " + client + " too");
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void crossPairProvider_childConstructorReadsTheProperty() {
        assertEquals("jnr", new CrossPairProvider("jnr").name());
        assertEquals(JnaTransportProvider.PRIORITY, new CrossPairProvider("jna").priority());
        String saved = System.getProperty(CrossPairProvider.TRANSPORT_PROPERTY);
        try {
            System.setProperty(CrossPairProvider.TRANSPORT_PROPERTY, "jna");
            assertEquals("jna", new CrossPairProvider().name());
            System.setProperty(CrossPairProvider.TRANSPORT_PROPERTY, "jnr");
            assertEquals(JnrTransportProvider.PRIORITY, new CrossPairProvider().priority());
        } finally {
            if (saved == null) {
                System.clearProperty(CrossPairProvider.TRANSPORT_PROPERTY);
            } else {
                System.setProperty(CrossPairProvider.TRANSPORT_PROPERTY, saved);
            }
        }
        assertEquals(List.of("-D" + CrossPairProvider.TRANSPORT_PROPERTY + "=jna"),
                new CrossPair("jnr", "jna").childJvmOptions());
    }

    private static BlockingQueue<String> pump(Process child) {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (Exception ignored) {
                // child gone
            }
        });
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("no line starting with " + prefix + " in 60 s; other output:\n" + seen);
    }
}

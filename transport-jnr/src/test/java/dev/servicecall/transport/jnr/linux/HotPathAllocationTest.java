package dev.servicecall.transport.jnr.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.TransportConfig;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot path allocates nothing per call: send, poll and recv on a connection with direct
 * buffers, measured with the JVM's per-thread allocation counter.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class HotPathAllocationTest {
    private static final int ROUNDS = 20_000;

    @TempDir
    Path temp;

    @Test
    void writeAwaitReadableRead_directBuffers_allocateNothingPerCall() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "allocation counting unsupported");
        threads.setThreadAllocatedMemoryEnabled(true);
        LinuxBackend backend = LinuxBackend.create(TransportConfig.empty()
                .with(TransportConfig.NAMESPACE, temp.resolve("ns").toString()));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ServerEndpoint endpoint = backend.bind("hot")) {
            Future<Connection> accepted = executor.submit(endpoint::accept);
            try (Connection client = backend.connect("hot", 0);
                    Connection server = accepted.get(10, TimeUnit.SECONDS)) {
                ByteBuffer out = ByteBuffer.allocateDirect(256);
                ByteBuffer in = ByteBuffer.allocateDirect(256);
                pingPong(client, server, out, in, ROUNDS); // warm up: JIT, lazily made pollfd
                long thread = Thread.currentThread().getId();
                long before = threads.getThreadAllocatedBytes(thread);
                pingPong(client, server, out, in, ROUNDS);
                long allocated = threads.getThreadAllocatedBytes(thread) - before;
                // 3 native calls per round; a single allocated object per call would be > 16 bytes each
                assertTrue(allocated < ROUNDS, allocated + " bytes allocated in " + ROUNDS
                        + " rounds of send + poll + recv");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static void pingPong(Connection client, Connection server, ByteBuffer out, ByteBuffer in, int rounds)
            throws Exception {
        for (int i = 0; i < rounds; i++) {
            out.clear().limit(64);
            client.write(out);
            if (!server.awaitReadable(TimeUnit.SECONDS.toNanos(5))) {
                throw new AssertionError("no data in round " + i);
            }
            in.clear().limit(64);
            while (in.hasRemaining()) {
                server.read(in);
            }
        }
        assertEquals(64, in.position());
    }
}

package dev.servicecall.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.Transport;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The application layer's own allocation per call: with parameters built once, a null call
 * through the session must allocate (almost) nothing, so that a native transport can stay under
 * 64 bytes per call on the client.
 */
class CallAllocationTest {
    private static final int CALLS = 50_000;

    /** A transport that answers at once and allocates nothing. */
    private static final class AnsweringTransport implements Transport {
        long seen;

        @Override
        public void initializeService() {
        }

        @Override
        public Registration register(String name, byte[] signature, RoutineHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void unregister(Registration registration) {
        }

        @Override
        public int call(CallRequest request) {
            seen += request.value(0) + request.value(1);
            return 0;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void nullCallAllocatesUnder64BytesPerCall() throws Exception {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "allocation counting needs a HotSpot JVM");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        AnsweringTransport transport = new AnsweringTransport();
        Parameter[] parameters = {Parameter.dword(20), Parameter.dword(22)};
        long perCall = Long.MAX_VALUE;
        try (TransportSession session = new TransportSession("answering", transport)) {
            for (int round = 0; round < 10 && perCall >= 64; round++) {
                long before = counter.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < CALLS; i++) {
                    session.call("BenchNull", CallOptions.defaults(), parameters);
                }
                perCall = (counter.getCurrentThreadAllocatedBytes() - before) / CALLS;
            }
        }
        assertTrue(perCall < 64, "bytes allocated per null call after warm-up: " + perCall);
        assertTrue(transport.seen > 0);
    }
}

package dev.servicecall.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.jdk.JdkUnixBackend;
import dev.servicecall.protocol.wire.ProtocolVersion;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.Invocation;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of {@link NativeTransport}: a "service" transport and a separate "client"
 * transport over the JDK's own AF_UNIX sockets ({@link JdkUnixBackend}), sharing one name space
 * directory per test, as two processes would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NativeTransportTest {
    private static final byte D = (byte) ParameterMasks.DWORD;
    private static final byte Q = (byte) ParameterMasks.QWORD;
    private static final byte P = (byte) ParameterMasks.POINTER;
    private static final byte N = (byte) ParameterMasks.NULLABLE_POINTER;
    private static final byte[] PLUS = {D, D, P};

    @TempDir
    Path namespace;

    private JdkUnixBackend backend;
    private NativeTransport service;
    private NativeTransport client;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() throws Exception {
        backend = new JdkUnixBackend(namespace);
        service = serviceTransport(TransportConfig.empty());
        client = new NativeTransport(new JdkUnixBackend(namespace), TransportConfig.empty());
    }

    private NativeTransport serviceTransport(TransportConfig config) throws StatusException {
        NativeTransport transport = new NativeTransport(backend, config);
        transport.initializeService();
        return transport;
    }

    @AfterEach
    void close() throws Exception {
        release.countDown();
        client.close();
        service.close();
        callers.shutdownNow();
        assertTrue(callers.awaitTermination(5, TimeUnit.SECONDS), "caller threads ended");
    }

    /** Writes {@code a + b} as a little-endian int into parameter 2, returns 0x1234. */
    private static int plus(Invocation call) {
        call.buffer(2).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) (call.value(0) + call.value(1)));
        return 0x1234;
    }

    private static CallRequest plusRequest(String name, long a, long b, byte[] out, long timeoutNanos) {
        return new CallRequest(name, PLUS.clone(), new long[] {a, b, 0},
                new ByteBuffer[] {null, null, ByteBuffer.wrap(out)}, timeoutNanos);
    }

    private static int readInt(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    private static int statusOf(ThrowingCall call) {
        StatusException e = assertThrows(StatusException.class, call::run);
        return e.status();
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static StatusException failureOf(Future<?> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(StatusException.class, e.getCause());
    }

    // ---------------------------------------------------------------- calls

    @Test
    void call_roundTrip_valuesInBufferOut_statusDeliveredUnchanged() throws Exception {
        service.register("ServerPlusInt", PLUS, NativeTransportTest::plus);
        byte[] out = new byte[4];
        assertEquals(0x1234, client.call(plusRequest("ServerPlusInt", 1, 1, out, 0)));
        assertEquals(2, readInt(out));
        assertEquals(0x1234, client.call(plusRequest("ServerPlusInt", 0xFFFF_FFFFL, 3, out, 0)));
        assertEquals(2, readInt(out), "32-bit wrap-around: the routine sees truncated values");
    }

    @Test
    void call_buffers_snapshotInWholeOut_nullAndZeroLength_heapDirectAndSlices() throws Exception {
        byte[] signature = {P, N, N, P, Q};
        List<String> seen = new ArrayList<>();
        service.register("Buffers", signature, call -> {
            ByteBuffer first = call.buffer(0);
            seen.add(first.capacity() + "/" + first.position() + "/" + first.limit() + "/" + first.get(0));
            seen.add(String.valueOf(call.buffer(1)));
            seen.add(String.valueOf(call.buffer(2).capacity()));
            for (int i = 0; i < first.capacity(); i++) {
                first.put(i, (byte) (first.get(i) + 1));
            }
            ByteBuffer last = call.buffer(3);
            last.put(0, (byte) 42).position(5); // the position left behind does not matter
            return (int) call.value(4);
        });
        byte[] backing = {9, 9, 1, 2, 3, 9};
        ByteBuffer sliced = ByteBuffer.wrap(backing, 2, 3).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(6);
        CallRequest request = new CallRequest("Buffers", signature, new long[] {0, 0, 0, 0, 77},
                new ByteBuffer[] {sliced, null, ByteBuffer.allocate(0), direct, null}, 0);
        assertEquals(77, client.call(request));
        assertEquals(List.of("3/0/3/1", "null", "0"), seen);
        assertArrayEquals(new byte[] {9, 9, 2, 3, 4, 9}, backing, "only the declared region is written back");
        assertEquals(42, direct.get(0));
        assertEquals(0, direct.position());
    }

    @Test
    void call_overlappingBuffers_laterParameterWins() throws Exception {
        byte[] signature = {P, P};
        service.register("Overlap", signature, call -> {
            call.buffer(0).put(0, (byte) 1);
            call.buffer(1).put(0, (byte) 2);
            return 0;
        });
        byte[] memory = new byte[1];
        client.call(new CallRequest("Overlap", signature, new long[2],
                new ByteBuffer[] {ByteBuffer.wrap(memory), ByteBuffer.wrap(memory)}, 0));
        assertEquals(2, memory[0]);
    }

    @Test
    void call_largeBuffers_roundTrip_oneAndTwentyMiB() throws Exception {
        byte[] signature = {P};
        service.register("Big", signature, call -> {
            ByteBuffer buffer = call.buffer(0);
            for (int i = 0; i < buffer.capacity(); i += 4096) {
                buffer.put(i, (byte) (buffer.get(i) ^ 0x5A));
            }
            return buffer.capacity();
        });
        for (int size : new int[] {1 << 20, 20 << 20}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i += 4096) {
                data[i] = (byte) i;
            }
            assertEquals(size, client.call(new CallRequest("Big", signature, new long[1],
                    new ByteBuffer[] {ByteBuffer.wrap(data)}, 0)));
            for (int i = 0; i < size; i += 4096) {
                assertEquals((byte) (((byte) i) ^ 0x5A), data[i], "byte " + i);
            }
        }
    }

    @Test
    void call_callerIdentity_isThePeerOfTheConnection() throws Exception {
        AtomicLong pid = new AtomicLong();
        service.register("Who", new byte[0], call -> {
            pid.set(call.caller().pid());
            return 0;
        });
        client.call(new CallRequest("Who", new byte[0], new long[0], new ByteBuffer[0], 0));
        assertEquals(ProcessHandle.current().pid(), pid.get());
    }

    @Test
    void call_connectionsAreReused_andTheSignatureIsCheckedOnEveryCall() throws Exception {
        Registration registration = service.register("Reuse", PLUS, NativeTransportTest::plus);
        byte[] out = new byte[4];
        for (int i = 0; i < 20; i++) {
            assertEquals(0x1234, client.call(plusRequest("Reuse", i, 1, out, 0)));
            assertEquals(i + 1, readInt(out));
        }
        assertEquals(1, ((RoutineHost) registration).connectionCount(), "one connection for sequential calls");
        assertEquals(1, client.client().poolOf("Reuse").idleCount());
        byte[] wrong = {D, D, (byte) ParameterMasks.NULLABLE_POINTER};
        assertEquals(NtStatus.INVALID_PARAMETER_2, statusOf(() -> client.call(new CallRequest("Reuse", wrong,
                new long[3], new ByteBuffer[] {null, null, ByteBuffer.wrap(out)}, 0))));
        assertEquals(0x1234, client.call(plusRequest("Reuse", 5, 5, out, 0)));
        assertEquals(1, ((RoutineHost) registration).connectionCount(), "a signature mismatch keeps the connection");
    }

    @Test
    void call_onDifferentConnections_runsConcurrently() throws Exception {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        service.register("Meet", new byte[0], call -> {
            bothInside.await(5, TimeUnit.SECONDS); // times out (and throws) if calls were serialised
            return 7;
        });
        CallRequest request = new CallRequest("Meet", new byte[0], new long[0], new ByteBuffer[0], 0);
        Future<Integer> first = callers.submit(() -> client.call(request));
        Future<Integer> second = callers.submit(() -> client.call(
                new CallRequest("Meet", new byte[0], new long[0], new ByteBuffer[0], 0)));
        assertEquals(7, first.get(10, TimeUnit.SECONDS));
        assertEquals(7, second.get(10, TimeUnit.SECONDS));
    }

    // ---------------------------------------------------------------- statuses

    @Test
    void status_unknownName_isInvalidParameter1() {
        StatusException e = assertThrows(StatusException.class,
                () -> client.call(plusRequest("Nobody", 1, 1, new byte[4], 0)));
        assertEquals(NtStatus.INVALID_PARAMETER_1, e.status());
    }

    @Test
    void status_signatureMismatch_isInvalidParameter2_with0x8CDifferentFrom0x88() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        service.register("Sig", new byte[] {Q}, call -> runs.incrementAndGet());
        StatusException e = assertThrows(StatusException.class, () -> client.call(new CallRequest("Sig",
                new byte[] {(byte) 0x8C}, new long[1], new ByteBuffer[1], 0)));
        assertEquals(NtStatus.INVALID_PARAMETER_2, e.status());
        assertTrue(e.getMessage().contains("QWORD") && e.getMessage().contains("0x8C"), e.getMessage());
        assertEquals(NtStatus.INVALID_PARAMETER_2, statusOf(() -> client.call(new CallRequest("Sig",
                new byte[] {Q, Q}, new long[2], new ByteBuffer[2], 0))));
        assertEquals(0, runs.get());
    }

    @Test
    void status_routineThrows_isUnhandledException_andNothingIsWrittenBack() throws Exception {
        service.register("Throws", PLUS, call -> {
            call.buffer(2).put(0, (byte) 99);
            throw new IllegalStateException("boom");
        });
        byte[] out = {1, 2, 3, 4};
        assertEquals(NtStatus.UNHANDLED_EXCEPTION, client.call(plusRequest("Throws", 1, 1, out, 0)));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, out);
        assertEquals(NtStatus.UNHANDLED_EXCEPTION, client.call(plusRequest("Throws", 1, 1, out, 0)),
                "the connection survives a throwing routine");
    }

    @Test
    void status_bufferOverTheServiceLimit_isServiceStatusInvalidParameter_withoutRunningTheRoutine() throws Exception {
        service.close();
        service = serviceTransport(TransportConfig.empty().with(TransportConfig.MAX_BUFFER_BYTES, "16"));
        AtomicInteger runs = new AtomicInteger();
        byte[] signature = {P};
        service.register("Limited", signature, call -> {
            runs.incrementAndGet();
            call.buffer(0).put(0, (byte) 1);
            return 0;
        });
        byte[] tooBig = new byte[17];
        assertEquals(NtStatus.INVALID_PARAMETER, client.call(new CallRequest("Limited", signature, new long[1],
                new ByteBuffer[] {ByteBuffer.wrap(tooBig)}, 0)));
        assertEquals(0, runs.get());
        assertEquals(0, tooBig[0]);
        byte[] fits = new byte[16];
        assertEquals(0, client.call(new CallRequest("Limited", signature, new long[1],
                new ByteBuffer[] {ByteBuffer.wrap(fits)}, 0)));
        assertEquals(1, fits[0]);
        assertEquals(NtStatus.INVALID_PARAMETER_2, statusOf(() -> client.call(new CallRequest("Limited",
                new byte[] {N}, new long[1], new ByteBuffer[] {ByteBuffer.wrap(tooBig)}, 0))),
                "the signature is checked before the buffer limit");
    }

    @Test
    void status_timeout_isIoTimeout_andTheConnectionIsDiscarded() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Registration registration = service.register("Slow", PLUS, call -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return plus(call);
        });
        byte[] out = new byte[4];
        long start = System.nanoTime();
        StatusException e = assertThrows(StatusException.class, () -> client.call(plusRequest("Slow", 1, 1, out,
                TimeUnit.MILLISECONDS.toNanos(200))));
        assertEquals(NtStatus.IO_TIMEOUT, e.status());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "timed out promptly");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        assertEquals(0, client.client().poolOf("Slow").idleCount(), "a connection in an unknown state is not reused");
        assertArrayEquals(new byte[4], out);
        release.countDown();
        assertEquals(0x1234, client.call(plusRequest("Slow", 2, 2, out, 0)));
        assertEquals(4, readInt(out));
        assertTrue(((RoutineHost) registration).connectionCount() <= 1, "the timed-out connection was closed");
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void unregister_withACallInFlight_givesUnsuccessfulPromptly_andFreesTheName() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Registration registration = service.register("Busy", PLUS, call -> {
            call.buffer(2).put(0, (byte) 5);
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            finished.countDown();
            return 0;
        });
        byte[] out = new byte[4];
        Future<Integer> inFlight = callers.submit(() -> client.call(plusRequest("Busy", 1, 1, out, 0)));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        service.unregister(registration);
        StatusException e = failureOf(inFlight);
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "UNSUCCESSFUL within 2 s");
        assertEquals(1, finished.getCount(), "unregister did not wait for the routine");
        assertArrayEquals(new byte[4], out, "nothing written back");

        assertEquals(NtStatus.INVALID_PARAMETER_1, statusOf(() -> client.call(plusRequest("Busy", 1, 1, out, 0))));
        service.register("Busy", PLUS, NativeTransportTest::plus);
        release.countDown();
        assertTrue(finished.await(5, TimeUnit.SECONDS));
        assertEquals(0x1234, client.call(plusRequest("Busy", 1, 1, out, 0)));
        assertEquals(2, readInt(out));
    }

    @Test
    void restartedService_pooledConnectionIsCheckedBeforeReuse_noSpuriousFailure() throws Exception {
        Registration registration = service.register("Restart", PLUS, NativeTransportTest::plus);
        byte[] out = new byte[4];
        client.call(plusRequest("Restart", 1, 1, out, 0));
        assertEquals(1, client.client().poolOf("Restart").idleCount());
        service.unregister(registration);
        service.register("Restart", PLUS, NativeTransportTest::plus);
        for (int i = 0; i < 3; i++) {
            assertEquals(0x1234, client.call(plusRequest("Restart", 20, i, out, 0)));
            assertEquals(20 + i, readInt(out));
        }
    }

    @Test
    void register_aNameHeldHereOrByAnotherTransport_isObjectNameExists() throws Exception {
        service.register("Taken", PLUS, NativeTransportTest::plus);
        assertEquals(NtStatus.OBJECT_NAME_EXISTS, statusOf(() -> service.register("Taken", PLUS,
                NativeTransportTest::plus)));
        NativeTransport other = serviceTransport(TransportConfig.empty());
        try {
            assertEquals(NtStatus.OBJECT_NAME_EXISTS, statusOf(() -> other.register("Taken", PLUS,
                    NativeTransportTest::plus)));
        } finally {
            other.close();
        }
    }

    @Test
    void unregister_twiceOrForeign_isInvalidParameter() throws Exception {
        Registration registration = service.register("Once", PLUS, NativeTransportTest::plus);
        service.unregister(registration);
        assertEquals(NtStatus.INVALID_PARAMETER, statusOf(() -> service.unregister(registration)));
        Registration foreign = new Registration() {
            @Override
            public String name() {
                return "Once";
            }

            @Override
            public byte[] signature() {
                return PLUS;
            }
        };
        assertEquals(NtStatus.INVALID_PARAMETER, statusOf(() -> service.unregister(foreign)));
    }

    @Test
    void close_endsCallsInFlight_freesNames_andRefusesFurtherUse() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Registration registration = service.register("Closing", PLUS, call -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return 0;
        });
        Future<Integer> inFlight = callers.submit(() -> client.call(plusRequest("Closing", 1, 1, new byte[4], 0)));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        service.close();
        assertEquals(NtStatus.UNSUCCESSFUL, failureOf(inFlight).status());
        assertEquals(NtStatus.UNSUCCESSFUL, statusOf(() -> service.register("Other", PLUS, NativeTransportTest::plus)));
        assertEquals(NtStatus.UNSUCCESSFUL, statusOf(() -> service.unregister(registration)));
        assertEquals(NtStatus.UNSUCCESSFUL, statusOf(service::initializeService));
        NativeTransport next = serviceTransport(TransportConfig.empty());
        try {
            assertNotNull(next.register("Closing", PLUS, NativeTransportTest::plus), "the name is free");
        } finally {
            next.close();
        }
        client.close();
        assertEquals(NtStatus.UNSUCCESSFUL, statusOf(() -> client.call(plusRequest("Closing", 1, 1, new byte[4], 0))));
    }

    @Test
    void clientClose_endsItsOwnCallsInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        service.register("Abandoned", PLUS, call -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return 0;
        });
        Future<Integer> inFlight = callers.submit(() -> client.call(plusRequest("Abandoned", 1, 1, new byte[4], 0)));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        client.close();
        assertEquals(NtStatus.UNSUCCESSFUL, failureOf(inFlight).status());
    }

    // ---------------------------------------------------------------- versions

    @Test
    void versionMismatch_isUnsuccessful_namingBothVersions_neverAHang() throws Exception {
        service.register("Versioned", PLUS, NativeTransportTest::plus);
        NativeTransport future = new NativeTransport(new JdkUnixBackend(namespace), TransportConfig.DEFAULT_MAX_BUFFER_BYTES,
                VersionRange.of(ProtocolVersion.of(2, 0), ProtocolVersion.of(2, 3)));
        try {
            long start = System.nanoTime();
            StatusException e = assertThrows(StatusException.class,
                    () -> future.call(plusRequest("Versioned", 1, 1, new byte[4], 0)));
            assertEquals(NtStatus.UNSUCCESSFUL, e.status());
            assertTrue(e.getMessage().contains("version mismatch") && e.getMessage().contains("2.0..2.3")
                    && e.getMessage().contains("1.0"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        } finally {
            future.close();
        }
    }

    @Test
    void versions_overlappingRanges_negotiateTheHighestCommon() throws Exception {
        NativeTransport newerService = new NativeTransport(backend, TransportConfig.DEFAULT_MAX_BUFFER_BYTES,
                VersionRange.of(ProtocolVersion.of(1, 0), ProtocolVersion.of(1, 5)));
        NativeTransport newerClient = new NativeTransport(new JdkUnixBackend(namespace),
                TransportConfig.DEFAULT_MAX_BUFFER_BYTES, VersionRange.of(ProtocolVersion.of(1, 0), ProtocolVersion.of(1, 2)));
        try {
            newerService.register("Ranges", PLUS, NativeTransportTest::plus);
            try (RawClient raw = new RawClient(backend, "Ranges")) {
                assertEquals(ProtocolVersion.of(1, 2), raw.hello(VersionRange.of(ProtocolVersion.of(1, 1),
                        ProtocolVersion.of(1, 2))).acceptedVersion().orElseThrow());
            }
            byte[] out = new byte[4];
            assertEquals(0x1234, newerClient.call(plusRequest("Ranges", 3, 4, out, 0)));
            assertEquals(7, readInt(out));
            assertEquals(0x1234, client.call(plusRequest("Ranges", 3, 5, out, 0)), "a 1.0 client still works");
            assertEquals(8, readInt(out));
        } finally {
            newerClient.close();
            newerService.close();
        }
    }

    @Test
    void versionMismatch_serviceSide_answersWithItsRange_thenCloses() throws Exception {
        service.register("Old", PLUS, NativeTransportTest::plus);
        try (RawClient raw = new RawClient(backend, "Old")) {
            var reply = raw.hello(VersionRange.only(ProtocolVersion.of(9, 0)));
            assertEquals(WireProtocol.HELLO_VERSION_UNSUPPORTED, reply.result());
            assertEquals(WireProtocol.SUPPORTED, reply.serviceVersions());
            assertEquals(0, raw.framesUntilClosed());
        }
    }

    @Test
    void versionMismatch_clientSide_readsARefusalFromAFutureService() throws Exception {
        // A fake service of version 3.x on a raw endpoint: whatever the client sends, refuse.
        var endpoint = backend.bind("Future");
        Thread fake = new Thread(() -> {
            try (var connection = endpoint.accept()) {
                FrameChannel channel = new FrameChannel(connection);
                channel.readFrame(WireProtocol.MAX_CONTROL_PAYLOAD, 0);
                var refusal = dev.servicecall.protocol.wire.HelloReplyMessage.versionUnsupported(
                        VersionRange.of(ProtocolVersion.of(3, 0), ProtocolVersion.of(3, 1)), 1 << 20, 0);
                channel.writeFrame(refusal.encode(channel.out(refusal.frameSize()), 0, 0));
            } catch (Exception ignored) {
                // the test asserts on the client side
            }
        });
        fake.start();
        try {
            StatusException e = assertThrows(StatusException.class,
                    () -> client.call(plusRequest("Future", 1, 1, new byte[4], 0)));
            assertEquals(NtStatus.UNSUCCESSFUL, e.status());
            assertTrue(e.getMessage().contains("3.0..3.1") && e.getMessage().contains("1.0"), e.getMessage());
        } finally {
            endpoint.close();
            fake.join(5000);
        }
        assertFalse(fake.isAlive());
    }

    @Test
    void handshake_anEndpointThatNeverAnswers_isNotAHang_whenTheCallHasADeadline() throws Exception {
        var endpoint = backend.bind("Silent");
        try {
            long start = System.nanoTime();
            assertEquals(NtStatus.IO_TIMEOUT, statusOf(() -> client.call(plusRequest("Silent", 1, 1, new byte[4],
                    TimeUnit.MILLISECONDS.toNanos(300)))));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        } finally {
            endpoint.close();
        }
    }
}

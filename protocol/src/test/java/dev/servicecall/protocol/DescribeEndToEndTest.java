package dev.servicecall.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.jdk.JdkUnixBackend;
import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.DescribeMessage;
import dev.servicecall.protocol.wire.DescriptionMessage;
import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.VersionRange;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.Invocation;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESCRIBE / DESCRIPTION end to end ({@link NativeTransport#describe}) and name listing
 * ({@link NativeTransport#listNames}) over the JDK test backend: a service transport and a client
 * transport sharing one name space directory per test, as two processes would.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DescribeEndToEndTest {
    private static final byte D = (byte) ParameterMasks.DWORD;
    private static final byte P = (byte) ParameterMasks.POINTER;
    private static final byte N = (byte) ParameterMasks.NULLABLE_POINTER;
    private static final byte[] PLUS = {D, D, P};
    private static final long WAIT = TimeUnit.SECONDS.toNanos(5);

    @TempDir
    Path namespace;

    private JdkUnixBackend backend;
    private NativeTransport service;
    private NativeTransport client;

    @BeforeEach
    void open() throws Exception {
        backend = new JdkUnixBackend(namespace);
        service = new NativeTransport(backend, TransportConfig.empty().with(TransportConfig.MAX_BUFFER_BYTES, "4096"));
        service.initializeService();
        client = new NativeTransport(new JdkUnixBackend(namespace), TransportConfig.empty());
    }

    @AfterEach
    void close() {
        client.close();
        service.close();
    }

    private static int plus(Invocation call) {
        call.buffer(2).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) (call.value(0) + call.value(1)));
        return 0;
    }

    private static CallRequest plusRequest(String name, byte[] out) {
        return new CallRequest(name, PLUS.clone(), new long[] {2, 3, 0}, new ByteBuffer[] {null, null, ByteBuffer.wrap(out)},
                0);
    }

    @Test
    void describe_registeredRoutine_givesNameSignatureOwnerVersionsAndLimit() throws Exception {
        service.register("ServerPlusInt", PLUS, DescribeEndToEndTest::plus);
        service.register("Query", new byte[] {D, N, D, N}, call -> 0);

        RoutineDescription plus = client.describe("ServerPlusInt", WAIT);
        assertEquals("ServerPlusInt", plus.name());
        assertArrayEquals(PLUS, plus.signature());
        assertEquals(ProcessHandle.current().pid(), plus.ownerPid().orElseThrow());
        assertEquals(WireProtocol.SUPPORTED, plus.serviceVersions());
        assertEquals(WireProtocol.V1_1, plus.negotiatedVersion());
        assertEquals(4096, plus.maxBufferBytes());
        assertTrue(plus.toString().contains("ServerPlusInt(DWORD, DWORD, POINTER)"), plus.toString());

        assertArrayEquals(new byte[] {D, N, D, N}, client.describe("Query", 0).signature());
    }

    @Test
    void describe_doesNotRunTheRoutine_andSharesThePooledConnectionWithCalls() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        service.register("Counted", PLUS, call -> {
            runs.incrementAndGet();
            return plus(call);
        });
        client.describe("Counted", WAIT);
        assertEquals(0, runs.get(), "describing never calls");
        byte[] out = new byte[4];
        assertEquals(0, client.call(plusRequest("Counted", out)));
        assertEquals(5, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt());
        client.describe("Counted", WAIT);
        assertEquals(1, runs.get());
        assertEquals(1, client.client().poolOf("Counted").idleCount(), "one connection served all three");
    }

    @Test
    void describe_unknownName_isInvalidParameter1_invalidName_isObjectNameInvalid() {
        StatusException none = assertThrows(StatusException.class, () -> client.describe("Nobody", WAIT));
        assertEquals(NtStatus.INVALID_PARAMETER_1, none.status());
        assertEquals(NtStatus.OBJECT_NAME_INVALID,
                assertThrows(StatusException.class, () -> client.describe("../x", WAIT)).status());
        assertEquals(NtStatus.ACCESS_VIOLATION,
                assertThrows(StatusException.class, () -> client.describe(null, WAIT)).status());
    }

    @Test
    void describe_afterUnregister_isInvalidParameter1() throws Exception {
        Registration registration = service.register("Gone", PLUS, DescribeEndToEndTest::plus);
        client.describe("Gone", WAIT);
        service.unregister(registration);
        assertEquals(NtStatus.INVALID_PARAMETER_1,
                assertThrows(StatusException.class, () -> client.describe("Gone", WAIT)).status());
    }

    @Test
    void describe_anotherNameOnAnEndpoint_isErrorInvalidParameter1_andTheConnectionStays() throws Exception {
        service.register("Served", PLUS, DescribeEndToEndTest::plus);
        try (RawClient raw = new RawClient(backend, "Served")) {
            assertEquals(WireProtocol.V1_1, raw.hello(WireProtocol.SUPPORTED).acceptedVersion().orElseThrow());
            sendDescribe(raw, "Other");
            assertTrue(raw.readFrame());
            ErrorMessage error = raw.error();
            assertEquals(NtStatus.INVALID_PARAMETER_1, error.status());
            assertTrue(error.message().contains("Other") && error.message().contains("Served"), error.message());

            sendDescribe(raw, "Served");
            assertTrue(raw.readFrame());
            assertEquals(WireProtocol.TYPE_DESCRIPTION, raw.channel.header().type());
            DescriptionMessage description = DescriptionMessage.decode(raw.channel.header(), raw.channel.in(), 16);
            assertEquals("Served", description.name());
        }
    }

    private static void sendDescribe(RawClient raw, String name) throws Exception {
        DescribeMessage describe = new DescribeMessage(name);
        ByteBuffer frame = ByteBuffer.allocate(describe.frameSize());
        describe.encode(frame, 0, WireProtocol.V1_1, Architecture.current());
        raw.send(frame);
    }

    // ---------------------------------------------------------------- older peers

    @Test
    void describe_ofA10Service_isNotSupportedAtOnce_namingBothVersions_andCallsStillWork() throws Exception {
        NativeTransport oldService = new NativeTransport(backend, TransportConfig.DEFAULT_MAX_BUFFER_BYTES,
                VersionRange.only(WireProtocol.V1_0));
        try {
            oldService.register("Old", PLUS, DescribeEndToEndTest::plus);
            long start = System.nanoTime();
            StatusException e = assertThrows(StatusException.class, () -> client.describe("Old", 0));
            assertTrue(System.nanoTime() - start < WAIT, "a clear error, never a hang");
            assertEquals(NtStatus.NOT_SUPPORTED, e.status());
            assertTrue(e.getMessage().contains("1.0") && e.getMessage().contains("1.1"), e.getMessage());
            byte[] out = new byte[4];
            assertEquals(0, client.call(plusRequest("Old", out)), "the 1.0 connection still serves calls");
            assertEquals(5, ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).getInt());
        } finally {
            oldService.close();
        }
    }

    /** What a 1.0 service answers to DESCRIBE: the same as this service on a 1.0 connection. */
    @Test
    void describe_onA10Connection_isMalformed_errorUnsuccessfulThenClose() throws Exception {
        service.register("Strict", PLUS, DescribeEndToEndTest::plus);
        try (RawClient raw = new RawClient(backend, "Strict")) {
            assertEquals(WireProtocol.V1_0,
                    raw.hello(VersionRange.only(WireProtocol.V1_0)).acceptedVersion().orElseThrow());
            DescribeMessage describe = new DescribeMessage("Strict");
            ByteBuffer frame = ByteBuffer.allocate(describe.frameSize());
            describe.encode(frame, 0, WireProtocol.V1_1, Architecture.current());
            frame.put(5, (byte) 0); // as a 1.0 frame: a type 1.0 does not know
            raw.send(frame);
            assertTrue(raw.readFrame());
            ErrorMessage error = raw.error();
            assertEquals(NtStatus.UNSUCCESSFUL, error.status());
            assertTrue(error.message().contains("DESCRIBE"), error.message());
            assertEquals(0, raw.framesUntilClosed());
        }
    }

    @Test
    void describe_serviceThatNeverAnswers_isIoTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (FakeService silent = new FakeService(backend, "Silent", channel -> done.await(10, TimeUnit.SECONDS))) {
            long start = System.nanoTime();
            StatusException e = assertThrows(StatusException.class,
                    () -> client.describe("Silent", TimeUnit.MILLISECONDS.toNanos(300)));
            assertEquals(NtStatus.IO_TIMEOUT, e.status());
            assertTrue(System.nanoTime() - start < WAIT);
        } finally {
            done.countDown();
        }
    }

    @Test
    void describe_answerForAnotherName_isUnsuccessful_malformed() throws Exception {
        try (FakeService liar = new FakeService(backend, "Liar", channel -> {
            DescriptionMessage other = new DescriptionMessage("Other", PLUS, 1, WireProtocol.SUPPORTED, 1);
            channel.writeFrame(other.encode(channel.out(other.frameSize()), 0, WireProtocol.CURRENT, 0));
        })) {
            StatusException e = assertThrows(StatusException.class, () -> client.describe("Liar", WAIT));
            assertEquals(NtStatus.UNSUCCESSFUL, e.status());
            assertTrue(e.getMessage().contains("malformed") && e.getMessage().contains("Other"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listNames_registeredNamesSorted_unregisteredGone_staleMarked() throws Exception {
        assertEquals(List.of(), client.listNames());
        Registration b = service.register("Beta", PLUS, DescribeEndToEndTest::plus);
        service.register("Alpha", PLUS, DescribeEndToEndTest::plus);
        assertEquals(List.of(BoundName.live("Alpha"), BoundName.live("Beta")), client.listNames());

        service.unregister(b);
        assertEquals(List.of(BoundName.live("Alpha")), client.listNames());

        Files.createFile(namespace.resolve("Dead.sock")); // what a crashed owner leaves
        Files.createFile(namespace.resolve("not a name.sock"));
        List<BoundName> names = client.listNames();
        assertEquals(List.of(BoundName.live("Alpha"), BoundName.stale("Dead")), names);
        assertTrue(names.get(1).isStale());
        assertFalse(names.get(0).isStale());
    }

    @Test
    void listNames_defaultOfABackendThatCannotList_isNotSupported() {
        var plain = new dev.servicecall.protocol.os.OsBackend() {
            @Override
            public String describe() {
                return "plain";
            }

            @Override
            public void prepareNamespace() {
            }

            @Override
            public dev.servicecall.protocol.os.ServerEndpoint bind(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public dev.servicecall.protocol.os.Connection connect(String name, long timeoutNanos) {
                throw new UnsupportedOperationException();
            }
        };
        StatusException e = assertThrows(StatusException.class, plain::listNames);
        assertEquals(NtStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("plain"), e.getMessage());
    }
}

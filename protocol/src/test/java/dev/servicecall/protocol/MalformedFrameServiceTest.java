package dev.servicecall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.jdk.JdkUnixBackend;
import dev.servicecall.protocol.wire.Architecture;
import dev.servicecall.protocol.wire.CallCodec;
import dev.servicecall.protocol.wire.ErrorMessage;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.HelloMessage;
import dev.servicecall.protocol.wire.ProtocolVersion;
import dev.servicecall.protocol.wire.ReplyDecoder;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.TransportConfig;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service never trusts a frame (SPEC section 6): each malformed input closes that connection
 * only, after an ERROR that says what was wrong, and the service goes on serving a well-behaved
 * client. Frames are built by hand over raw connections.
 *
 * <p>Every hostile case ends with the same three proofs ({@link #assertOnlyThatConnectionEnded}):
 * the service sized nothing from the claim (its receive buffer for that connection never grew
 * beyond its initial {@value FrameChannel#INITIAL_CAPACITY} bytes; the JVM's direct memory grew
 * by no more than the initial buffers of the connections opened; and the service thread
 * allocated less than {@value #HEAP_BOUND} bytes of heap, class linking on first use included,
 * although claims go up to 4 GiB); only that connection ended (a bystander connection, greeted
 * before the attack, is still served on the same connection); and a new well-behaved client is
 * served. The generated counterpart is {@code wire.ServiceFrameDecoderFuzzTest}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedFrameServiceTest {
    private static final byte D = (byte) ParameterMasks.DWORD;
    private static final byte P = (byte) ParameterMasks.POINTER;
    private static final byte[] SIGNATURE = {D, P};
    private static final int MAX_BUFFER = 64;
    private static final long HEAP_BOUND = 4 << 20;
    /** Direct memory one connection may take: two 16 KiB buffers at each end (the raw client is in this JVM too). */
    private static final long DIRECT_PER_CONNECTION = 4 * FrameChannel.INITIAL_CAPACITY;
    /** The JDK's per-thread temporary direct buffers for writes from heap buffers. */
    private static final long DIRECT_SLACK = 32 << 10;
    private static final BufferPoolMXBean DIRECT = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @TempDir
    Path namespace;

    private WatchedBackend backend;
    /** A well-behaved connection opened before each attack; it must outlive the attack. */
    private RawClient bystander;
    private long directBaseline;
    private int acceptedAtBaseline;
    private NativeTransport service;
    private NativeTransport client;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        backend = new WatchedBackend(new JdkUnixBackend(namespace));
        service = new NativeTransport(backend, TransportConfig.empty().with(TransportConfig.MAX_BUFFER_BYTES,
                String.valueOf(MAX_BUFFER)));
        service.initializeService();
        service.register("Target", SIGNATURE, call -> {
            runs.incrementAndGet();
            call.buffer(1).put(0, (byte) call.value(0));
            return 0x600D;
        });
        client = new NativeTransport(new JdkUnixBackend(namespace), TransportConfig.empty());
        bystander = greeted();
        backend.accepted(0);
        takeDirectBaseline();
    }

    private void takeDirectBaseline() {
        directBaseline = DIRECT.getTotalCapacity();
        acceptedAtBaseline = backend.acceptedCount();
    }

    @AfterEach
    void close() {
        bystander.close();
        client.close();
        service.close();
    }

    private static CallRequest request(String name, long value, int bufferSize) {
        return new CallRequest(name, SIGNATURE.clone(), new long[] {value, 0},
                new ByteBuffer[] {null, ByteBuffer.allocate(bufferSize)}, 0);
    }

    /** An encoded CALL, exactly sized, as a real client would send it. */
    private static ByteBuffer callFrame(String name, int bufferSize) {
        CallRequest request = request(name, 1, bufferSize);
        ByteBuffer frame = ByteBuffer.allocate((int) CallCodec.frameSize(request, false)).order(ByteOrder.LITTLE_ENDIAN);
        CallCodec.encode(frame, 0, WireProtocol.CURRENT, Architecture.current(), request, false);
        return frame;
    }

    private RawClient greeted() throws Exception {
        RawClient raw = new RawClient(backend, "Target");
        assertEquals(WireProtocol.HELLO_ACCEPTED, raw.hello(WireProtocol.SUPPORTED).result());
        return raw;
    }

    /** Sends {@code bytes}, expects ERROR UNSUCCESSFUL naming {@code word}, then the close. */
    private void assertClosedWithError(RawClient raw, ByteBuffer bytes, String word) throws Exception {
        raw.send(bytes);
        assertTrue(raw.readFrame(), "an ERROR before the close");
        ErrorMessage error = raw.error();
        assertEquals(NtStatus.UNSUCCESSFUL, error.status());
        assertTrue(error.message().contains("malformed") && error.message().contains(word), error.message());
        assertEquals(0, raw.framesUntilClosed(), "then the service closes the connection");
    }

    /**
     * The service accepted the {@code index}-th connection (the bystander is 0): it closed it,
     * sized nothing from what it claimed, and served the bystander and a new client afterwards.
     */
    private void assertOnlyThatConnectionEnded(int index) throws Exception {
        WatchedBackend.ConnectionWatch hostile = backend.accepted(index);
        assertTrue(hostile.awaitClosed(PROMPTLY), "the service closes the hostile connection");
        assertEquals(FrameChannel.INITIAL_CAPACITY, hostile.largestReadBuffer(),
                "the receive buffer of the hostile connection never grew: nothing was sized from its claims");
        assertTrue(hostile.heapAllocatedByServiceThread() < HEAP_BOUND, "the service thread allocated "
                + hostile.heapAllocatedByServiceThread() + " bytes of heap for the hostile connection");
        long directGrowth = DIRECT.getTotalCapacity() - directBaseline;
        long directAllowed = DIRECT_PER_CONNECTION * (backend.acceptedCount() - acceptedAtBaseline) + DIRECT_SLACK;
        assertTrue(directGrowth <= directAllowed, "direct memory grew by " + directGrowth + " bytes, more than the "
                + directAllowed + " that the connections' initial buffers take: something was sized from a claim");
        assertBystanderServed();
        assertServiceStillServes();
        takeDirectBaseline();
    }

    /** The connection greeted before the attack still gets its calls answered. */
    private void assertBystanderServed() throws Exception {
        assertFalse(backend.accepted(0).isClosed(), "the bystander's connection is still open");
        bystander.send(callFrame("Target", 4));
        assertTrue(bystander.readFrame(), "the bystander gets a reply on its own connection");
        ReplyDecoder reply = new ReplyDecoder();
        reply.read(bystander.channel.header(), bystander.channel.in(), 16, request("Target", 1, 4));
        assertEquals(0x600D, reply.serviceStatus());
    }

    private void assertServiceStillServes() throws Exception {
        ByteBuffer out = ByteBuffer.allocate(4);
        assertEquals(0x600D, client.call(new CallRequest("Target", SIGNATURE.clone(), new long[] {9, 0},
                new ByteBuffer[] {null, out}, 0)));
        assertEquals(9, out.get(0));
    }

    @Test
    void wrongMagic_asFirstFrame() throws Exception {
        try (RawClient raw = new RawClient(backend, "Target")) {
            ByteBuffer garbage = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertClosedWithError(raw, garbage, "magic");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void wrongMagic_afterTheHandshake() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 4);
            frame.put(0, (byte) 'X');
            assertClosedWithError(raw, frame, "magic");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void callBeforeHello() throws Exception {
        try (RawClient raw = new RawClient(backend, "Target")) {
            assertClosedWithError(raw, callFrame("Target", 4), "HELLO");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void truncatedHeader_asFirstFrame_thenTheClientGoesAway() throws Exception {
        try (RawClient raw = new RawClient(backend, "Target")) {
            ByteBuffer hello = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            new HelloMessage(WireProtocol.SUPPORTED, WireProtocol.MAX_FRAME_CEILING, 0).encode(hello, 0, Architecture.current());
            raw.send(hello.limit(9));
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void truncatedHeader_afterTheHandshake_thenTheClientGoesAway() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 4);
            raw.send(frame.limit(WireProtocol.HEADER_SIZE - 1));
        }
        assertOnlyThatConnectionEnded(1);
        assertEquals(2, runs.get(), "only the well-behaved calls ran");
    }

    @Test
    void truncatedFrame_thenTheClientGoesAway() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 4);
            raw.send(frame.limit(frame.limit() - 3));
        }
        assertOnlyThatConnectionEnded(1);
        assertEquals(2, runs.get(), "only the well-behaved calls ran");
    }

    @Test
    void bufferLengthThatLies_largerAndSmaller() throws Exception {
        int slot = 16 + 16 + 8; // align8(4 + 6 + 2) = 16, second slot
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 4);
            frame.putLong(slot, 40);
            assertClosedWithError(raw, frame, "claims");
        }
        assertOnlyThatConnectionEnded(1);
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 16);
            frame.putLong(slot, 3);
            assertClosedWithError(raw, frame, "declares");
        }
        assertOnlyThatConnectionEnded(3);
        assertEquals(4, runs.get(), "only the well-behaved calls ran");
    }

    @Test
    void payloadLengthThatLies_smallerThanTheData() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 8);
            frame.putInt(12, frame.limit() - 16 - 8); // the buffer's 8 bytes fall outside the payload
            assertClosedWithError(raw, frame, "CALL");
        }
        assertOnlyThatConnectionEnded(1);
        assertEquals(2, runs.get(), "only the well-behaved calls ran");
    }

    @Test
    void payloadLengthThatLies_largerThanTheData_thenTheClientGoesAway() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 8);
            frame.putInt(12, frame.limit() - 16 + 4000); // waits for bytes that never come
            raw.send(frame);
            assertFalse(backend.accepted(1).awaitClosed(Duration.ofMillis(200)),
                    "a frame within the limit is awaited, not refused");
        }
        assertOnlyThatConnectionEnded(1);
        assertEquals(2, runs.get(), "only the well-behaved calls ran");
    }

    @Test
    void a4GiBPayloadClaim_isRejectedFromTheHeader() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            FrameHeader.write(header, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_CALL, 0, 0);
            header.putInt(12, -1);
            assertClosedWithError(raw, header, "4294967295");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void a4GiBPayloadClaim_asFirstFrame_isRejectedFromTheHeader() throws Exception {
        try (RawClient raw = new RawClient(backend, "Target")) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            FrameHeader.write(header, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_HELLO, 0, 0);
            header.putInt(12, -1);
            assertClosedWithError(raw, header, "4294967295");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void a4GiBBufferClaim_inASlot_isMalformed() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 8);
            frame.putLong(16 + 16 + 8, 1L << 32);
            assertClosedWithError(raw, frame, "4294967296");
        }
        assertOnlyThatConnectionEnded(1);
        assertEquals(2, runs.get(), "only the well-behaved calls ran");
    }

    @Test
    void aFrameOverTheServiceFrameLimit_isRejectedFromTheHeader() throws Exception {
        int limit = WireProtocol.frameLimitFor(MAX_BUFFER);
        try (RawClient raw = greeted()) {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            FrameHeader.write(header, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_CALL, 0, limit + 1);
            assertClosedWithError(raw, header, "exceeds");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void controlMessagesClaimingMoreThan4KiB_areRejectedFromTheHeader() throws Exception {
        for (int type : new int[] {WireProtocol.TYPE_DESCRIBE, WireProtocol.TYPE_HELLO, WireProtocol.TYPE_ERROR, 200}) {
            int hostile = backend.acceptedCount();
            try (RawClient raw = greeted()) {
                ByteBuffer frame = ByteBuffer.allocate(16 + 60_000).order(ByteOrder.LITTLE_ENDIAN);
                FrameHeader.write(frame, 0, WireProtocol.CURRENT, 0, type, 0, 60_000); // within the 64 KiB max frame
                assertClosedWithError(raw, frame.limit(16), "exceeds the limit of " + WireProtocol.MAX_CONTROL_PAYLOAD);
            }
            assertOnlyThatConnectionEnded(hostile);
        }
    }

    @Test
    void aFutureMajorVersion_afterTheHandshake() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 4);
            FrameHeader.write(frame, 0, ProtocolVersion.of(2, 0), 0, WireProtocol.TYPE_CALL, 0, frame.limit() - 16);
            assertClosedWithError(raw, frame, "2.0");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void parameterCountOverTheLimit() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 4);
            frame.put(17, (byte) 65);
            assertClosedWithError(raw, frame, "parameter count");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void aReplyFrameFromAClient() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            FrameHeader.write(frame, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_REPLY, 0, 16);
            assertClosedWithError(raw, frame, "REPLY");
        }
        assertOnlyThatConnectionEnded(1);
    }

    @Test
    void manyBadConnectionsAtOnce_whileAGoodClientCalls() throws Exception {
        List<RawClient> bad = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                RawClient raw = greeted();
                bad.add(raw);
                ByteBuffer frame = callFrame("Target", 4);
                frame.put(0, (byte) 0);
                raw.send(frame);
            }
            for (int i = 0; i < 5; i++) {
                assertServiceStillServes();
            }
            for (RawClient raw : bad) {
                assertTrue(raw.readFrame());
                assertEquals(NtStatus.UNSUCCESSFUL, raw.error().status());
                assertEquals(0, raw.framesUntilClosed());
            }
        } finally {
            bad.forEach(RawClient::close);
        }
        for (int i = 1; i <= 8; i++) {
            assertOnlyThatConnectionEnded(i);
        }
    }

    // ---- well-formed but refused: the connection stays open ----

    @Test
    void fullBuffersOverTheServiceLimit_getInvalidParameter_andTheConnectionStays() throws Exception {
        try (RawClient raw = greeted()) {
            CallRequest request = request("Target", 1, MAX_BUFFER + 1);
            raw.send(callFrame("Target", MAX_BUFFER + 1));
            assertTrue(raw.readFrame());
            ReplyDecoder reply = new ReplyDecoder();
            reply.read(raw.channel.header(), raw.channel.in(), 16, request);
            assertEquals(NtStatus.INVALID_PARAMETER, reply.serviceStatus());
            assertEquals(false, reply.hasWriteBack());
            raw.send(callFrame("Target", MAX_BUFFER));
            assertTrue(raw.readFrame());
            reply.read(raw.channel.header(), raw.channel.in(), 16, request("Target", 1, MAX_BUFFER));
            assertEquals(0x600D, reply.serviceStatus());
        }
        assertEquals(1, runs.get());
    }

    @Test
    void a4GiBBufferClaim_withBuffersOmitted_getsInvalidParameter_withoutAllocating_andTheConnectionStays() throws Exception {
        try (RawClient raw = greeted()) {
            CallRequest small = request("Target", 1, 8);
            ByteBuffer frame = ByteBuffer.allocate((int) CallCodec.frameSize(small, true)).order(ByteOrder.LITTLE_ENDIAN);
            CallCodec.encode(frame, 0, WireProtocol.CURRENT, Architecture.current(), small, true);
            frame.putLong(16 + 16 + 8, 1L << 32);
            raw.send(frame);
            assertTrue(raw.readFrame());
            ReplyDecoder reply = new ReplyDecoder();
            reply.read(raw.channel.header(), raw.channel.in(), 16, small);
            assertEquals(NtStatus.INVALID_PARAMETER, reply.serviceStatus(), "over the service's limit: refused");
            assertEquals(false, reply.hasWriteBack());
            raw.send(callFrame("Target", 4));
            assertTrue(raw.readFrame(), "the same connection goes on");
        }
        WatchedBackend.ConnectionWatch watch = backend.accepted(1);
        assertTrue(watch.awaitClosed(PROMPTLY));
        assertEquals(FrameChannel.INITIAL_CAPACITY, watch.largestReadBuffer(), "nothing sized from the 4 GiB claim");
        assertTrue(watch.heapAllocatedByServiceThread() < HEAP_BOUND, watch.heapAllocatedByServiceThread() + " bytes");
        assertEquals(1, runs.get(), "the refused call did not run");
    }

    @Test
    void nullForANonNullablePointer_isInvalidParameter2_andTheConnectionStays() throws Exception {
        try (RawClient raw = greeted()) {
            ByteBuffer frame = callFrame("Target", 0);
            frame.putLong(16 + 16 + 8, WireProtocol.NULL_POINTER);
            raw.send(frame);
            assertTrue(raw.readFrame());
            assertEquals(NtStatus.INVALID_PARAMETER_2, raw.error().status());
            raw.send(callFrame("Target", 4));
            assertTrue(raw.readFrame());
            assertEquals(WireProtocol.TYPE_REPLY, raw.channel.header().type());
        }
        assertEquals(1, runs.get());
    }

    @Test
    void aNameThisEndpointDoesNotServe_isInvalidParameter1() throws Exception {
        try (RawClient raw = greeted()) {
            raw.send(callFrame("Tarzan", 4));
            assertTrue(raw.readFrame());
            ErrorMessage error = raw.error();
            assertEquals(NtStatus.INVALID_PARAMETER_1, error.status());
            assertTrue(error.message().contains("Tarzan") && error.message().contains("Target"), error.message());
        }
        assertEquals(0, runs.get());
    }
}

package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.wire.ServiceSideDecoding.Outcome;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.ParameterMasks;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the service-side frame decoder (SPEC section 6: "a service never trusts a frame") with
 * {@value #FRAMES} generated frames per run: mutated CALL, DESCRIBE and HELLO frames, on 1.0 and
 * 1.1 connections, headers followed by noise, and well-formed frames (see {@link FuzzFrames}).
 * For every frame:
 *
 * <ul>
 *   <li>the decoder's verdict (accepted, malformed, waiting for more bytes) is the one an
 *       independent reading of the protocol document gives ({@link ReferenceFrameRules}), so it
 *       neither rejects a well-formed frame nor accepts a malformed one;</li>
 *   <li>nothing but {@link MalformedFrameException} ever escapes it (no index, arithmetic or
 *       allocation error from a hostile length);</li>
 *   <li>it allocates less than {@value #ALLOCATION_BOUND} bytes of heap, although frames claim
 *       up to 4 GiB (payload) or 2^63 bytes (buffer): nothing is sized from a claim;</li>
 *   <li>an accepted CALL or DESCRIBE is exactly the canonical encoding of what was decoded
 *       (re-encoding it gives the same bytes, values truncated to their width), so every buffer
 *       lies inside the payload, in order, and no byte goes unchecked.</li>
 * </ul>
 *
 * Runs under ~30 s on two cores. A failure prints the seed (rerun with {@code @Property(seed=...)})
 * and the shrunk frame in hex with the recipe that made it.
 */
class ServiceFrameDecoderFuzzTest {
    static final int FRAMES = 100_000;
    static final int ALLOCATION_BOUND = 64 << 10;
    /** The service's per-parameter limit in this test; its max frame follows (about 257 KiB). */
    private static final int MAX_FRAME = WireProtocol.frameLimitFor(4096);
    private static final AtomicLong DECODED = new AtomicLong();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final ServiceSideDecoding decoding = new ServiceSideDecoding(MAX_FRAME);

    @Provide
    Arbitrary<HostileFrame> hostileFrames() {
        return FuzzFrames.hostileFrames();
    }

    @Property(tries = FRAMES, shrinking = ShrinkingMode.BOUNDED)
    void serviceDecoder_acceptsExactlyTheWellFormed_rejectsTheRestWithoutAllocatingFromClaims(
            @ForAll("hostileFrames") HostileFrame frame) {
        ByteBuffer received = ByteBuffer.allocate(frame.bytes().length)
                .order(frame.bigEndianBuffer() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        received.put(0, frame.bytes());
        Outcome expected = ReferenceFrameRules.judge(frame.bytes(), frame.afterHandshake(), frame.negotiated().major(),
                frame.negotiated().minor(), MAX_FRAME);

        Outcome outcome = decode(received, frame);
        // measured on a second decoding of the same frame, so that the first run of a code path
        // (class loading, linking of string concatenation) does not count
        long before = THREADS.getCurrentThreadAllocatedBytes();
        decode(received, frame);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        DECODED.incrementAndGet();

        assertEquals(expected, outcome, () -> "verdict on " + frame + "; decoder said: " + decoding.rejection());
        assertTrue(allocated < ALLOCATION_BOUND, () -> "decoding allocated " + allocated + " bytes for " + frame);
        if (outcome == Outcome.ACCEPTED && frame.afterHandshake()) {
            if (decoding.describe() != null) {
                assertCanonical(frame.bytes(), decoding.describe(), frame.negotiated());
            } else {
                assertCanonical(frame.bytes(), decoding.call(), frame.negotiated());
            }
        }
        Statistics.label("verdict").collect(outcome);
        Statistics.label("reason").collect(reason(outcome, decoding.rejection()));
        Statistics.label("verdict").coverage(coverage -> {
            coverage.check(Outcome.ACCEPTED).percentage(p -> p >= 10);
            coverage.check(Outcome.MALFORMED).percentage(p -> p >= 40);
            coverage.check(Outcome.INCOMPLETE).percentage(p -> p >= 1);
        });
    }

    private Outcome decode(ByteBuffer received, HostileFrame frame) {
        try {
            return decoding.decode(received, frame.afterHandshake(), frame.negotiated());
        } catch (Throwable unexpected) {
            throw new AssertionError("the decoder threw " + unexpected + " instead of rejecting " + frame, unexpected);
        }
    }

    @AfterContainer
    static void everyGeneratedFrameWasDecoded() {
        assertTrue(DECODED.get() >= FRAMES, "only " + DECODED.get() + " frames were decoded, " + FRAMES + " are required");
    }

    /** Re-encodes the decoded DESCRIBE and compares it with the bytes received. */
    private static void assertCanonical(byte[] received, DescribeMessage describe, ProtocolVersion version) {
        byte[] encoded = new byte[describe.frameSize()];
        describe.encode(ByteBuffer.wrap(encoded), 0, version, received[6] & 0xFF);
        assertArrayEquals(Arrays.copyOf(received, encoded.length), encoded,
                "an accepted DESCRIBE is not the canonical encoding of what was decoded");
    }

    /** Re-encodes the decoded CALL and compares it with the bytes received. */
    private static void assertCanonical(byte[] received, CallDecoder call, ProtocolVersion version) {
        int count = call.parameterCount();
        byte[] masks = call.signature();
        long[] values = new long[count];
        ByteBuffer[] buffers = new ByteBuffer[count];
        // bytes after the frame (a client that sent ahead) belong to the next frame
        int frameLength = WireProtocol.HEADER_SIZE + (int) LittleEndian.u32(ByteBuffer.wrap(received), 12);
        byte[] expected = Arrays.copyOf(received, frameLength);
        int slotsAt = WireProtocol.HEADER_SIZE + CallCodec.slotsOffset(call.name().length(), count);
        ByteBuffer source = ByteBuffer.wrap(received);
        for (int i = 0; i < count; i++) {
            int mask = masks[i] & 0xFF;
            if (!ParameterMasks.isPointer(mask)) {
                values[i] = call.value(i);
                assertEquals(ParameterMasks.truncate(mask, values[i]), values[i], "value of parameter " + i + " is truncated");
                // the client may send more than the width; the service truncates: compare truncated
                LittleEndian.put64(ByteBuffer.wrap(expected), slotsAt + 8 * i, values[i]);
            } else if (!call.isNull(i)) {
                long length = call.bufferLength(i);
                if (call.buffersOmitted()) {
                    if (length > (1 << 16)) {
                        return; // a legitimately huge claim that travelled without its bytes: nothing to re-encode
                    }
                    buffers[i] = ByteBuffer.allocate((int) length);
                } else {
                    byte[] bytes = new byte[(int) length];
                    source.get(call.bufferOffset(i), bytes);
                    buffers[i] = ByteBuffer.wrap(bytes);
                }
            }
        }
        CallRequest request = new CallRequest(call.name(), masks, values, buffers, 0);
        byte[] encoded = new byte[(int) CallCodec.frameSize(request, call.buffersOmitted())];
        CallCodec.encode(ByteBuffer.wrap(encoded), 0, version, received[6] & 0xFF, request, call.buffersOmitted());
        assertArrayEquals(expected, encoded, () -> "an accepted CALL is not the canonical encoding of what was decoded: "
                + Arrays.toString(expected));
    }

    private static String reason(Outcome outcome, String rejection) {
        if (outcome != Outcome.MALFORMED) {
            return outcome.name();
        }
        for (String word : new String[] {"magic", "lowest", "DESCRIBE", "version", "reserved", "exceeds", "expected", "unexpected", "flags",
            "name length", "name byte", "parameter count", "mask", "padding", "claims", "lacks", "declares", "not below",
            "needs", "shorter", "max frame"}) {
            if (rejection.contains(word)) {
                return "malformed: " + word;
            }
        }
        return "malformed: other";
    }
}

package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.ParameterMasks;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The codec's share of the hot path allocates nothing: encoding a CALL, decoding it, encoding the
 * REPLY from the routine's buffers, validating it and writing back, over reused buffers and
 * decoders. Measured with the JVM's per-thread allocation counter.
 */
class HotPathAllocationTest {
    private static final int ROUNDS = 20_000;

    @Test
    void callAndReply_roundTripThroughTheCodec_allocatesNothing() throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean
                && ((com.sun.management.ThreadMXBean) threads).isThreadAllocatedMemorySupported(),
                "this JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        ((com.sun.management.ThreadMXBean) threads).setThreadAllocatedMemoryEnabled(true);

        byte[] signature = {(byte) ParameterMasks.DWORD, (byte) ParameterMasks.DWORD, (byte) ParameterMasks.POINTER};
        byte[] caller = new byte[4096];
        CallRequest request = new CallRequest("ServerPlusInt", signature, new long[] {1, 2, 0},
                new ByteBuffer[] {null, null, ByteBuffer.wrap(caller)}, 0);
        ByteBuffer wire = ByteBuffer.allocateDirect(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer replyWire = ByteBuffer.allocateDirect(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer routineBuffer = ByteBuffer.allocateDirect(4096);
        ByteBuffer[] routineBuffers = {null, null, routineBuffer};
        byte[] name = "ServerPlusInt".getBytes();
        FrameHeader header = new FrameHeader();
        CallDecoder call = new CallDecoder();
        ReplyDecoder reply = new ReplyDecoder();

        long checksum = 0;
        for (int warm = 0; warm < 2; warm++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < ROUNDS; i++) {
                CallCodec.encode(wire, 0, WireProtocol.CURRENT, Architecture.X86_64, request, false);
                header.read(wire, 0);
                header.requireNegotiated(WireProtocol.CURRENT, WireProtocol.MAX_FRAME_CEILING);
                call.readPrefix(header, wire, WireProtocol.HEADER_SIZE);
                if (!call.nameEquals(name) || !call.signatureMatches(signature) || call.readParameters() >= 0) {
                    throw new AssertionError("decoding failed");
                }
                routineBuffer.put(0, (byte) (call.value(0) + call.value(1) + i));
                ReplyCodec.encode(replyWire, 0, WireProtocol.CURRENT, Architecture.X86_64, 0, 7, routineBuffers, 3);
                header.read(replyWire, 0);
                reply.read(header, replyWire, WireProtocol.HEADER_SIZE, request);
                reply.writeBack();
                checksum += caller[0];
            }
            long allocated = counter.getCurrentThreadAllocatedBytes() - before;
            if (warm == 1) {
                assertTrue(allocated < 4096, allocated + " bytes allocated in " + ROUNDS + " round trips");
            }
        }
        assertEquals((byte) (3 + ROUNDS - 1), caller[0]);
        assertTrue(checksum != 0);
    }
}

package dev.servicecall.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.jdk.JdkUnixBackend;
import dev.servicecall.protocol.wire.FrameHeader;
import dev.servicecall.protocol.wire.ReplyCodec;
import dev.servicecall.protocol.wire.WireProtocol;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client never trusts a reply either: a malformed or oversized reply gives UNSUCCESSFUL,
 * nothing is written back, and nothing is allocated from the lengths it claims.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MalformedReplyClientTest {
    private static final byte[] SIGNATURE = {(byte) ParameterMasks.POINTER};

    @TempDir
    Path namespace;

    private JdkUnixBackend backend;
    private NativeTransport client;
    private final byte[] memory = {1, 2, 3, 4};

    @BeforeEach
    void open() {
        backend = new JdkUnixBackend(namespace);
        client = new NativeTransport(new JdkUnixBackend(namespace), TransportConfig.empty());
    }

    @AfterEach
    void close() {
        client.close();
    }

    private StatusException callAgainst(FakeService.Answer answer) throws Exception {
        FakeService fake = new FakeService(backend, "Fake", answer);
        StatusException e;
        try {
            e = assertThrows(StatusException.class, () -> client.call(new CallRequest("Fake",
                    SIGNATURE.clone(), new long[1], new ByteBuffer[] {ByteBuffer.wrap(memory)}, 0)));
        } finally {
            fake.close();
        }
        assertNull(fake.failure());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, memory, "nothing written back");
        return e;
    }

    private static ByteBuffer validReply() {
        ByteBuffer result = ByteBuffer.wrap(new byte[] {9, 9, 9, 9});
        ByteBuffer frame = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        int length = ReplyCodec.encode(frame, 0, WireProtocol.CURRENT, 0, 0, 0, new ByteBuffer[] {result}, 1);
        return frame.limit(length);
    }

    @Test
    void aReplyHeaderClaimingHalfAGigabyte_isRejectedBeforeAllocation() throws Exception {
        StatusException e = callAgainst(channel -> {
            ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            FrameHeader.write(header, 0, WireProtocol.CURRENT, 0, WireProtocol.TYPE_REPLY, 0, 512 << 20);
            FakeService.send(channel, header);
        });
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("malformed") && e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void aWrittenBackBufferOfAnotherLength() throws Exception {
        StatusException e = callAgainst(channel -> {
            ByteBuffer reply = validReply();
            reply.putLong(32, 5);
            FakeService.send(channel, reply);
        });
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
    }

    @Test
    void aTruncatedReplyFollowedByClose() throws Exception {
        StatusException e = callAgainst(channel -> {
            ByteBuffer reply = validReply();
            FakeService.send(channel, reply.limit(reply.limit() - 2));
        });
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("lost"), e.getMessage());
    }

    @Test
    void garbageInsteadOfAReply() throws Exception {
        StatusException e = callAgainst(channel -> FakeService.send(channel,
                ByteBuffer.wrap("not a frame, not at all".getBytes())));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void anErrorWithAStatusOutsideTheCallStatuses_becomesUnsuccessful() throws Exception {
        StatusException e = callAgainst(channel -> {
            var error = new dev.servicecall.protocol.wire.ErrorMessage(NtStatus.ACCESS_VIOLATION, "weird");
            channel.writeFrame(error.encode(channel.out(error.frameSize()), 0, WireProtocol.CURRENT, 0));
        });
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("weird"), e.getMessage());
    }

    @Test
    void aValidReply_isWrittenBack_forContrast() throws Exception {
        FakeService fake = new FakeService(backend, "Fake", channel -> FakeService.send(channel, validReply()));
        try {
            assertEquals(0, client.call(new CallRequest("Fake", SIGNATURE.clone(), new long[1],
                    new ByteBuffer[] {ByteBuffer.wrap(memory)}, 0)));
        } finally {
            fake.close();
        }
        assertNull(fake.failure());
        assertArrayEquals(new byte[] {9, 9, 9, 9}, memory);
    }
}

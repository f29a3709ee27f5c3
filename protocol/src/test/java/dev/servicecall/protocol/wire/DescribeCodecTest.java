package dev.servicecall.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** DESCRIBE and DESCRIPTION (since 1.1): round trips, the documented bytes, and malformed frames. */
class DescribeCodecTest {
    private static final byte D = (byte) ParameterMasks.DWORD;
    private static final byte P = (byte) ParameterMasks.POINTER;
    private static final byte N = (byte) ParameterMasks.NULLABLE_POINTER;
    private static final VersionRange SERVICE = VersionRange.of(WireProtocol.V1_0, WireProtocol.V1_1);

    private static FrameHeader header(ByteBuffer frame) throws MalformedFrameException {
        FrameHeader header = new FrameHeader();
        header.read(frame, 0);
        header.requireNegotiated(header.version(), WireProtocol.MAX_CONTROL_PAYLOAD);
        return header;
    }

    private static ByteBuffer describeFrame(String name) {
        DescribeMessage describe = new DescribeMessage(name);
        ByteBuffer frame = Frames.buffer(describe.frameSize());
        assertEquals(describe.frameSize(), describe.encode(frame, 0, WireProtocol.V1_1, Architecture.X86_64));
        return frame;
    }

    private static ByteBuffer descriptionFrame(DescriptionMessage description) {
        ByteBuffer frame = Frames.buffer(description.frameSize());
        assertEquals(description.frameSize(), description.encode(frame, 0, WireProtocol.V1_1, Architecture.X86_64));
        return frame;
    }

    private static DescribeMessage decodeDescribe(ByteBuffer frame) throws MalformedFrameException {
        return DescribeMessage.decode(header(frame), frame, WireProtocol.HEADER_SIZE);
    }

    private static DescriptionMessage decodeDescription(ByteBuffer frame) throws MalformedFrameException {
        return DescriptionMessage.decode(header(frame), frame, WireProtocol.HEADER_SIZE);
    }

    private static String hex(ByteBuffer frame) {
        byte[] bytes = new byte[frame.limit()];
        frame.get(0, bytes);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void describe_roundTrip_everyNameLength() throws Exception {
        for (int length = 1; length <= WireProtocol.MAX_NAME_BYTES; length++) {
            char[] chars = new char[length];
            Arrays.fill(chars, 'n');
            String name = new String(chars);
            ByteBuffer frame = describeFrame(name);
            assertEquals(0, frame.limit() % 8, "payload padded to 8");
            assertEquals(WireProtocol.TYPE_DESCRIBE, header(frame).type());
            assertEquals(name, decodeDescribe(frame).name());
        }
    }

    @Test
    void description_roundTrip_nameSignaturePidVersionsLimit() throws Exception {
        DescriptionMessage sent = new DescriptionMessage("Query.System-Info_2", new byte[] {D, N, D, N}, 4711,
                SERVICE, 256L << 20);
        DescriptionMessage read = decodeDescription(descriptionFrame(sent));
        assertEquals("Query.System-Info_2", read.name());
        assertArrayEquals(new byte[] {D, N, D, N}, read.signature());
        assertEquals(4711, read.ownerPid());
        assertEquals(SERVICE, read.serviceVersions());
        assertEquals(256L << 20, read.maxBufferBytes());
    }

    @Test
    void description_roundTrip_extremes_noParametersAndTheLargestPayload() throws Exception {
        DescriptionMessage none = new DescriptionMessage("X", new byte[0], 0, VersionRange.only(WireProtocol.V1_1), 0);
        ByteBuffer small = descriptionFrame(none);
        assertEquals(16 + 32, small.limit(), "24 fixed + 1 name byte, padded to 32");
        DescriptionMessage read = decodeDescription(small);
        assertEquals(0, read.signature().length);
        assertEquals(0, read.ownerPid());

        char[] name = new char[64];
        Arrays.fill(name, 'z');
        byte[] masks = new byte[64];
        Arrays.fill(masks, (byte) 0x8C); // a valid mask that is not one of the named ones
        DescriptionMessage largest = new DescriptionMessage(new String(name), masks, Long.MAX_VALUE, SERVICE,
                Long.MAX_VALUE);
        ByteBuffer big = descriptionFrame(largest);
        assertEquals(16 + 152, big.limit());
        assertTrue(big.limit() - 16 <= WireProtocol.MAX_CONTROL_PAYLOAD);
        DescriptionMessage back = decodeDescription(big);
        assertArrayEquals(masks, back.signature());
        assertEquals(Long.MAX_VALUE, back.ownerPid());
        assertEquals(Long.MAX_VALUE, back.maxBufferBytes());
    }

    /** The bytes shown in docs/wire-protocol.md, section 9. */
    @Test
    void documentedExample_describeAndDescriptionOfServerPlusInt() {
        assertEquals("53 43 57 50 01 01 02 06 00 00 00 00 18 00 00 00"
                + " 0d 00 00 00 53 65 72 76 65 72 50 6c 75 73 49 6e 74 00 00 00 00 00 00 00", hex(describeFrame("ServerPlusInt")));
        DescriptionMessage description = new DescriptionMessage("ServerPlusInt", new byte[] {D, D, P}, 4711, SERVICE,
                256L << 20);
        assertEquals("53 43 57 50 01 01 02 07 00 00 00 00 28 00 00 00"
                + " 0d 03 01 00 01 01 00 00 67 12 00 00 00 00 00 00 00 00 00 10 00 00 00 00"
                + " 53 65 72 76 65 72 50 6c 75 73 49 6e 74 84 84 40", hex(descriptionFrame(description)));
    }

    // ---------------------------------------------------------------- writers refuse what cannot be sent

    @Test
    void encode_refusesA10Connection_andBadArguments() {
        DescribeMessage describe = new DescribeMessage("Name");
        assertThrows(IllegalArgumentException.class,
                () -> describe.encode(Frames.buffer(64), 0, WireProtocol.V1_0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DescribeMessage(".hidden"));
        assertThrows(IllegalArgumentException.class, () -> new DescribeMessage(""));
        assertThrows(IllegalArgumentException.class,
                () -> new DescriptionMessage("Name", new byte[] {0x10}, 1, SERVICE, 1), "invalid mask");
        assertThrows(IllegalArgumentException.class,
                () -> new DescriptionMessage("Name", new byte[65], 1, SERVICE, 1), "65 parameters");
        assertThrows(IllegalArgumentException.class,
                () -> new DescriptionMessage("Name", new byte[0], -1, SERVICE, 1), "negative pid");
    }

    // ---------------------------------------------------------------- malformed DESCRIBE

    private static void assertMalformedDescribe(String what, Consumer<ByteBuffer> tamper) {
        ByteBuffer frame = describeFrame("ServerPlusInt");
        tamper.accept(frame);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decodeDescribe(frame), what);
        assertTrue(e.getMessage().contains("DESCRIBE"), what + ": " + e.getMessage());
    }

    @Test
    void describe_malformed_eachFieldChecked() {
        assertMalformedDescribe("wrong type", f -> f.put(7, (byte) WireProtocol.TYPE_CALL));
        assertMalformedDescribe("a 1.0 frame", f -> f.put(5, (byte) 0));
        assertMalformedDescribe("flags", f -> LittleEndian.put16(f, 8, 1));
        assertMalformedDescribe("name length 0", f -> f.put(16, (byte) 0));
        assertMalformedDescribe("name length beyond the payload", f -> f.put(16, (byte) 21));
        assertMalformedDescribe("name length 65", f -> f.put(16, (byte) 65));
        assertMalformedDescribe("reserved", f -> f.put(18, (byte) 1));
        assertMalformedDescribe("name byte '/'", f -> f.put(20, (byte) '/'));
        assertMalformedDescribe("name starting with '.'", f -> f.put(20, (byte) '.'));
        assertMalformedDescribe("padding", f -> f.put(f.limit() - 1, (byte) 1));
        assertMalformedDescribe("payload longer than the name needs", f -> Frames.setPayloadLength(f, 32));
        assertMalformedDescribe("payload too short", f -> Frames.setPayloadLength(f, 4));
        assertMalformedDescribe("payload beyond the largest DESCRIBE", f -> Frames.setPayloadLength(f, 80));
    }

    @Test
    void describe_malformed_payloadNotPresent() {
        ByteBuffer frame = describeFrame("ServerPlusInt");
        frame.limit(frame.limit() - 8);
        assertThrows(MalformedFrameException.class, () -> decodeDescribe(frame));
    }

    // ---------------------------------------------------------------- malformed DESCRIPTION

    private static void assertMalformedDescription(String what, Consumer<ByteBuffer> tamper) {
        ByteBuffer frame = descriptionFrame(new DescriptionMessage("ServerPlusInt", new byte[] {D, D, P}, 4711,
                SERVICE, 1 << 20));
        tamper.accept(frame);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decodeDescription(frame), what);
        assertTrue(e.getMessage().contains("DESCRIPTION"), what + ": " + e.getMessage());
    }

    @Test
    void description_malformed_eachFieldChecked() {
        assertMalformedDescription("wrong type", f -> f.put(7, (byte) WireProtocol.TYPE_REPLY));
        assertMalformedDescription("a 1.0 frame", f -> f.put(5, (byte) 0));
        assertMalformedDescription("flags", f -> LittleEndian.put16(f, 8, 0x8000));
        assertMalformedDescription("name length 0", f -> f.put(16, (byte) 0));
        assertMalformedDescription("name length disagreeing with the payload", f -> f.put(16, (byte) 30));
        assertMalformedDescription("parameter count 65", f -> f.put(17, (byte) 65));
        assertMalformedDescription("parameter count disagreeing with the payload", f -> f.put(17, (byte) 12));
        assertMalformedDescription("lowest version above highest", f -> f.put(18, (byte) 2));
        assertMalformedDescription("reserved", f -> f.put(23, (byte) 1));
        assertMalformedDescription("pid at 2^63", f -> f.put(31, (byte) 0x80));
        assertMalformedDescription("max buffer at 2^63", f -> f.put(39, (byte) 0x80));
        assertMalformedDescription("name byte ' '", f -> f.put(40, (byte) ' '));
        assertMalformedDescription("invalid mask 0x10", f -> f.put(40 + 13, (byte) 0x10));
        assertMalformedDescription("invalid mask VL|PT", f -> f.put(40 + 15, (byte) 0xC0));
        assertMalformedDescription("payload too short", f -> Frames.setPayloadLength(f, 16));
        assertMalformedDescription("payload beyond the largest DESCRIPTION", f -> Frames.setPayloadLength(f, 160));
    }

    @Test
    void description_malformed_nonZeroPadding() {
        // "Name" + 2 masks = 30 bytes, padded to 32: two padding bytes to tamper with
        ByteBuffer frame = descriptionFrame(new DescriptionMessage("Name", new byte[] {D, P}, 1, SERVICE, 1));
        assertEquals(16 + 32, frame.limit());
        frame.put(frame.limit() - 1, (byte) 1);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> decodeDescription(frame));
        assertTrue(e.getMessage().contains("padding"), e.getMessage());
    }
}

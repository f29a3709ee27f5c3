package dev.servicecall.protocol.wire;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile frames for the service-side decoder: well-formed CALL and HELLO frames
 * with zero to four structure-aware mutations (fields set to boundary values such as 0, limits
 * ± 1, 2^31, 2^32 (a 4 GiB claim), 2^63, the null marker; lengths that lie larger or smaller;
 * truncation; junk appended; bits flipped), and headers followed by noise. All frames stay small
 * (a few KiB), so any allocation near a claimed size shows up in the test's allocation bound.
 */
final class FuzzFrames {
    /** Masks a valid CALL may carry: value masks (several size bits too) and pointers (size bits ignored). */
    private static final int[] VALID_MASKS = {0x81, 0x82, 0x84, 0x88, 0x83, 0x8C, 0x8F, 0x40, 0x60, 0x48, 0x6F, 0x41};
    private static final char[] NAME_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-".toCharArray();
    private static final long[] SLOT_CLAIMS = {0, 1, 7, 8, 9, -1, -2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
        0x1_0000_0000L, 0x1_0000_0008L, 1L << 30, (1L << 30) + 1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62};
    private static final long[] PAYLOAD_CLAIMS = {0, 1, 3, 4, 15, 16, 0xFFFF_FFFFL, 0x8000_0000L, 0x7FFF_FFFFL,
        1L << 30, (1L << 30) + 1, 4096, 4097, 65_536, 65_537};

    private FuzzFrames() {
    }

    /** What to tamper with. */
    enum Target {
        SET_ANY_BYTE, FLIP_ANY_BIT, HEADER_FIELD, PAYLOAD_LENGTH, NAME_LENGTH, PARAMETER_COUNT, PREFIX_RESERVED,
        NAME_CHAR, MASK, SLOT, PADDING, BUFFER_BYTE, TRUNCATE, APPEND_JUNK, GROW_PAYLOAD, SHRINK_PAYLOAD
    }

    /** One tampering: the target, where (0..1 of the applicable range) and a value that picks what to write. */
    record Mutation(Target target, double where, long value) {
    }

    /** A parameter of a valid CALL: its mask, value (truncated) and buffer (null for values and null pointers). */
    record Param(int mask, long value, byte[] buffer) {
    }

    /** A valid CALL before encoding, on a connection of {@code version}. */
    record CallSpec(String name, List<Param> params, boolean omitted, ProtocolVersion version) {
        byte[] encode() {
            int count = params.size();
            byte[] masks = new byte[count];
            long[] values = new long[count];
            ByteBuffer[] buffers = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                Param param = params.get(i);
                masks[i] = (byte) param.mask();
                values[i] = param.value();
                buffers[i] = param.buffer() == null ? null : ByteBuffer.wrap(param.buffer());
            }
            CallRequest request = new CallRequest(name, masks, values, buffers, 0);
            byte[] frame = new byte[(int) CallCodec.frameSize(request, omitted)];
            CallCodec.encode(ByteBuffer.wrap(frame), 0, version, Architecture.X86_64, request, omitted);
            return frame;
        }

        /** The length of the unmutated frame. */
        int encodedLength() {
            int length = slotsAt() + 8 * params.size();
            for (Param param : params) {
                if (param.buffer() != null && !omitted) {
                    length += (int) LittleEndian.align8(param.buffer().length);
                }
            }
            return length;
        }

        /** Where the slot table starts, from the start of the frame. */
        int slotsAt() {
            return WireProtocol.HEADER_SIZE + CallCodec.slotsOffset(name.length(), params.size());
        }

        /** The frame ranges of padding (after the masks, after each buffer): [from, to) pairs. */
        List<int[]> paddings() {
            List<int[]> ranges = new ArrayList<>();
            int masksEnd = WireProtocol.HEADER_SIZE + CallCodec.NAME_OFFSET + name.length() + params.size();
            ranges.add(new int[] {masksEnd, slotsAt()});
            int at = slotsAt() + 8 * params.size();
            for (Param param : params) {
                if (param.buffer() != null && !omitted) {
                    int length = param.buffer().length;
                    int padded = (int) LittleEndian.align8(length);
                    ranges.add(new int[] {at + length, at + padded});
                    at += padded;
                }
            }
            ranges.removeIf(range -> range[0] == range[1]);
            return ranges;
        }

        /** The frame ranges of buffer bytes: [from, to) pairs. */
        List<int[]> bufferBytes() {
            List<int[]> ranges = new ArrayList<>();
            int at = slotsAt() + 8 * params.size();
            for (Param param : params) {
                if (param.buffer() != null && !omitted) {
                    if (param.buffer().length > 0) {
                        ranges.add(new int[] {at, at + param.buffer().length});
                    }
                    at += (int) LittleEndian.align8(param.buffer().length);
                }
            }
            return ranges;
        }
    }

    /** A valid DESCRIBE before encoding (1.1 and later). */
    record DescribeSpec(String name) {
        byte[] encode() {
            DescribeMessage describe = new DescribeMessage(name);
            byte[] frame = new byte[describe.frameSize()];
            describe.encode(ByteBuffer.wrap(frame), 0, WireProtocol.V1_1, Architecture.X86_64);
            return frame;
        }

        int encodedLength() {
            return WireProtocol.HEADER_SIZE + (int) LittleEndian.align8(4 + name.length());
        }
    }

    /** Every kind of input, weighted toward mutated CALLs. */
    static Arbitrary<HostileFrame> hostileFrames() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, mutatedCalls()),
                Tuple.of(2, calls().map(call -> new HostileFrame(call.encode(), true, call.version(), false,
                        "well-formed " + describe(call)))),
                Tuple.of(1, mutatedCalls().map(frame -> new HostileFrame(frame.bytes(), false, WireProtocol.CURRENT, false,
                        frame.recipe() + " (a CALL where HELLO is due)"))),
                Tuple.of(3, mutatedDescribes()),
                Tuple.of(3, mutatedHellos()),
                Tuple.of(2, headersThenNoise()));
    }

    static Arbitrary<CallSpec> calls() {
        Arbitrary<byte[]> buffers = Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .withSizeDistribution(RandomDistribution.biased());
        Arbitrary<Param> params = Combinators.combine(Arbitraries.of(toList(VALID_MASKS)), Arbitraries.longs(),
                buffers.injectNull(0.15)).as(FuzzFrames::param);
        Arbitrary<List<Param>> lists = params.list().ofMaxSize(64).withSizeDistribution(RandomDistribution.biased());
        Arbitrary<Boolean> omitted = Arbitraries.integers().between(0, 9).map(i -> i == 0);
        Arbitrary<ProtocolVersion> versions = Arbitraries.of(WireProtocol.V1_0, WireProtocol.V1_1);
        return Combinators.combine(names(), lists, omitted, versions).as(CallSpec::new);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withChars(NAME_CHARS).ofMinLength(1).ofMaxLength(64)
                .map(name -> name.charAt(0) == '.' ? "n" + name.substring(1) : name);
    }

    /** DESCRIBE frames, mutated or not, mostly on 1.1 connections, some sent on a 1.0 connection. */
    static Arbitrary<HostileFrame> mutatedDescribes() {
        return Combinators.combine(names(), mutations(3), Arbitraries.integers().between(0, 7))
                .as((name, mutations, variant) -> {
                    DescribeSpec describe = new DescribeSpec(name);
                    byte[] frame = describe.encode();
                    ProtocolVersion negotiated = WireProtocol.V1_1;
                    String recipe = "DESCRIBE '" + name + "'";
                    if (variant == 0) {
                        frame[5] = 0; // a 1.0 connection, where DESCRIBE does not exist
                        negotiated = WireProtocol.V1_0;
                        recipe += " on a 1.0 connection";
                    }
                    List<Mutation> applied = variant == 1 ? List.of() : mutations;
                    for (Mutation mutation : applied) {
                        frame = apply(frame, describe, mutation);
                    }
                    return new HostileFrame(frame, true, negotiated, variant == 2, recipe + " mutated " + applied);
                });
    }

    private static Param param(int mask, long value, byte[] buffer) {
        return ParameterMasks.isPointer(mask) ? new Param(mask, 0, buffer) : new Param(mask, ParameterMasks.truncate(mask, value), null);
    }

    static Arbitrary<List<Mutation>> mutations(int maxSize) {
        Arbitrary<Long> values = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-16, 300));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Target.class), Arbitraries.doubles().between(0, 1),
                values).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(maxSize);
    }

    static Arbitrary<HostileFrame> mutatedCalls() {
        return Combinators.combine(calls(), mutations(4), Arbitraries.integers().between(0, 7))
                .as((call, mutations, order) -> {
                    byte[] frame = call.encode();
                    for (Mutation mutation : mutations) {
                        frame = apply(frame, call, mutation);
                    }
                    return new HostileFrame(frame, true, call.version(), order == 0, describe(call) + " mutated " + mutations);
                });
    }

    static Arbitrary<HostileFrame> mutatedHellos() {
        Arbitrary<Integer> versions = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> maxFrames = Arbitraries.integers().between(WireProtocol.MIN_FRAME_LIMIT, WireProtocol.MAX_FRAME_CEILING);
        return Combinators.combine(versions, versions, maxFrames, Arbitraries.longs(), mutations(3),
                Arbitraries.integers().between(0, 3))
                .as((a, b, maxFrame, features, mutations, unmutated) -> {
                    ProtocolVersion low = ProtocolVersion.of(Math.min(a, b), 0);
                    ProtocolVersion high = ProtocolVersion.of(Math.max(a, b), Math.max(a, b) == Math.min(a, b) ? 0 : 1);
                    HelloMessage hello = new HelloMessage(VersionRange.of(low, high), maxFrame, features);
                    byte[] frame = new byte[hello.frameSize()];
                    hello.encode(ByteBuffer.wrap(frame), 0, Architecture.X86_64);
                    List<Mutation> applied = unmutated == 0 ? List.of() : mutations;
                    for (Mutation mutation : applied) {
                        frame = apply(frame, null, mutation);
                    }
                    return new HostileFrame(frame, false, WireProtocol.CURRENT, false, hello + " mutated " + applied);
                });
    }

    static Arbitrary<HostileFrame> headersThenNoise() {
        Arbitrary<Integer> types = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(WireProtocol.TYPE_CALL)),
                Tuple.of(2, Arbitraries.just(WireProtocol.TYPE_HELLO)), Tuple.of(2, Arbitraries.just(WireProtocol.TYPE_DESCRIBE)),
                Tuple.of(2, Arbitraries.integers().between(0, 255)));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<Boolean> honestLength = Arbitraries.integers().between(0, 3).map(i -> i != 0);
        return Combinators.combine(types, Arbitraries.integers().between(0, 0xFFFF), noise, honestLength,
                Arbitraries.of(PAYLOAD_CLAIMS_LIST), Arbitraries.integers().between(0, 1))
                .as((type, flags, bytes, honest, claim, first) -> {
                    byte[] frame = new byte[WireProtocol.HEADER_SIZE + bytes.length];
                    ByteBuffer buffer = ByteBuffer.wrap(frame);
                    FrameHeader.write(buffer, 0, WireProtocol.CURRENT, Architecture.X86_64, type, flags, 0);
                    LittleEndian.put32(buffer, 12, (int) (honest ? bytes.length : claim));
                    System.arraycopy(bytes, 0, frame, WireProtocol.HEADER_SIZE, bytes.length);
                    return new HostileFrame(frame, first == 0, WireProtocol.CURRENT, false, "header of " + WireProtocol.typeName(type)
                            + " then " + bytes.length + " noise bytes, " + (honest ? "honest length" : "claims " + claim));
                });
    }

    private static final List<Long> PAYLOAD_CLAIMS_LIST = Arrays.stream(PAYLOAD_CLAIMS).boxed().toList();

    /**
     * Applies one mutation to a frame built from {@code layout}: a {@link CallSpec}, a
     * {@link DescribeSpec}, or null for a HELLO. Targets that do not apply to the message hit any byte.
     */
    static byte[] apply(byte[] frame, Object layout, Mutation mutation) {
        CallSpec call = layout instanceof CallSpec ? (CallSpec) layout : null;
        byte[] out = frame.clone();
        ByteBuffer buffer = ByteBuffer.wrap(out);
        double where = mutation.where();
        long value = mutation.value();
        int payload = out.length - WireProtocol.HEADER_SIZE;
        Target target = mutation.target();
        boolean layoutTarget = target.ordinal() >= Target.NAME_LENGTH.ordinal() && target.ordinal() <= Target.BUFFER_BYTE.ordinal();
        if (layout == null && out.length >= WireProtocol.HEADER_SIZE + HelloMessage.PAYLOAD_SIZE
                && (target == Target.NAME_LENGTH || target == Target.PARAMETER_COUNT)) {
            return helloField(out, target == Target.NAME_LENGTH, value);
        }
        if (layout instanceof DescribeSpec && layoutTarget && out.length >= ((DescribeSpec) layout).encodedLength()) {
            return describeField(out, ((DescribeSpec) layout).name().length(), target, where, value);
        }
        if (layoutTarget && (call == null || out.length < call.encodedLength())) {
            // a HELLO, or a CALL already cut short: its layout no longer applies
            target = Target.SET_ANY_BYTE;
        }
        switch (target) {
            case SET_ANY_BYTE:
                if (out.length > 0) {
                    out[index(where, out.length)] = (byte) value;
                }
                return out;
            case FLIP_ANY_BIT:
                if (out.length > 0) {
                    out[index(where, out.length)] ^= (byte) (1 << (int) (value & 7));
                }
                return out;
            case HEADER_FIELD:
                return headerField(out, where, value);
            case PAYLOAD_LENGTH:
                if (out.length < WireProtocol.HEADER_SIZE) {
                    return out;
                }
                long[] claims = {pick(PAYLOAD_CLAIMS, value), payload - 1L, payload + 1L, payload - 8L, payload + 8L,
                    WireProtocol.frameLimitFor(4096), WireProtocol.frameLimitFor(4096) + 1L};
                LittleEndian.put32(buffer, 12, (int) claims[index(where, claims.length)]);
                return out;
            case NAME_LENGTH:
                int names = call.name().length();
                int[] nameLengths = {0, 1, names - 1, names + 1, 64, 65, 255, (int) value & 0xFF};
                out[WireProtocol.HEADER_SIZE] = (byte) nameLengths[index(where, nameLengths.length)];
                return out;
            case PARAMETER_COUNT:
                int count = call.params().size();
                int[] counts = {0, count - 1, count + 1, 64, 65, 255, (int) value & 0xFF};
                out[WireProtocol.HEADER_SIZE + 1] = (byte) counts[index(where, counts.length)];
                return out;
            case PREFIX_RESERVED:
                LittleEndian.put16(buffer, WireProtocol.HEADER_SIZE + 2, (int) (value == 0 ? 1 : value));
                return out;
            case NAME_CHAR:
                int[] chars = {'.', '/', 0, ' ', 0x7F, 0x80, 0xFF, '\\', ':', (int) value & 0xFF};
                out[WireProtocol.HEADER_SIZE + CallCodec.NAME_OFFSET + index(where, call.name().length())] =
                        (byte) chars[index(Math.abs(value % 1000) / 1000.0, chars.length)];
                return out;
            case MASK:
                if (call.params().isEmpty()) {
                    return out;
                }
                int at = WireProtocol.HEADER_SIZE + CallCodec.NAME_OFFSET + call.name().length() + index(where, call.params().size());
                int[] masks = {out[at] | 0x10, 0x00, 0xC4, 0xA4, 0x80, 0x20, 0x40, 0x60, 0x88, 0x8C, (int) value & 0xFF};
                out[at] = (byte) masks[index(Math.abs(value % 1000) / 1000.0, masks.length)];
                return out;
            case SLOT:
                if (call.params().isEmpty()) {
                    return out;
                }
                int slot = call.slotsAt() + 8 * index(where, call.params().size());
                int dataStart = call.slotsAt() + 8 * call.params().size();
                long remaining = out.length - dataStart;
                long[] slotValues = {value, pick(SLOT_CLAIMS, value), remaining, remaining + 1, remaining - 1,
                    remaining + 8, remaining - 8};
                LittleEndian.put64(buffer, slot, slotValues[index(Math.abs(value % 1000) / 1000.0, slotValues.length)]);
                return out;
            case PADDING:
                List<int[]> paddings = call.paddings();
                if (!paddings.isEmpty()) {
                    int[] range = paddings.get(index(where, paddings.size()));
                    out[range[0] + (int) Math.floorMod(value, range[1] - range[0])] = (byte) (value == 0 ? 1 : value | 1);
                }
                return out;
            case BUFFER_BYTE:
                List<int[]> data = call.bufferBytes();
                if (!data.isEmpty()) {
                    int[] range = data.get(index(where, data.size()));
                    out[range[0] + (int) Math.floorMod(value, range[1] - range[0])] ^= (byte) 0xA5;
                }
                return out;
            case TRUNCATE:
                return Arrays.copyOf(out, index(where, out.length));
            case APPEND_JUNK:
                return appendJunk(out, value, 1 + (int) Math.floorMod(value, 16));
            case GROW_PAYLOAD:
                int grow = 1 + (int) Math.floorMod(value, 24);
                byte[] grown = appendJunk(out, value, grow);
                if (grown.length >= WireProtocol.HEADER_SIZE) {
                    LittleEndian.put32(ByteBuffer.wrap(grown), 12, (int) (LittleEndian.u32(ByteBuffer.wrap(grown), 12) + grow));
                }
                return grown;
            case SHRINK_PAYLOAD:
                int shrink = 1 + (int) Math.floorMod(value, 24);
                if (out.length - shrink < WireProtocol.HEADER_SIZE) {
                    return out;
                }
                LittleEndian.put32(buffer, 12, (int) (LittleEndian.u32(buffer, 12) - shrink));
                return Arrays.copyOf(out, out.length - shrink);
            default:
                throw new AssertionError(target);
        }
    }

    /** DESCRIBE's own fields: name length, reserved bytes, name characters, padding; other targets hit any byte. */
    private static byte[] describeField(byte[] out, int nameLength, Target target, double where, long value) {
        int p = WireProtocol.HEADER_SIZE;
        switch (target) {
            case NAME_LENGTH:
                int[] lengths = {0, 1, nameLength - 1, nameLength + 1, 64, 65, 68, 255, (int) value & 0xFF};
                out[p] = (byte) lengths[index(where, lengths.length)];
                break;
            case PREFIX_RESERVED:
                out[p + 1 + (int) Math.floorMod(value, 3)] = (byte) (value == 0 ? 1 : value | 1);
                break;
            case NAME_CHAR:
                int[] chars = {'.', '/', 0, ' ', 0x7F, 0x80, 0xFF, (int) value & 0xFF};
                out[p + 4 + index(where, nameLength)] = (byte) chars[(int) Math.floorMod(value, chars.length)];
                break;
            case PADDING:
                int padding = (int) LittleEndian.align8(4 + nameLength) - 4 - nameLength;
                if (padding > 0) {
                    out[p + 4 + nameLength + (int) Math.floorMod(value, padding)] = (byte) (value == 0 ? 1 : value | 1);
                }
                break;
            default:
                out[index(where, out.length)] = (byte) value;
                break;
        }
        return out;
    }

    /** HELLO's own fields: the lowest version (against the highest in the header), or the max frame. */
    private static byte[] helloField(byte[] out, boolean lowestVersion, long value) {
        int payload = WireProtocol.HEADER_SIZE;
        if (lowestVersion) {
            out[payload + (int) Math.floorMod(value, 2)] = (byte) new int[] {0, 1, 2, 9, 255}[(int) Math.floorMod(value, 5)];
        } else {
            long[] maxFrames = {0, 1, WireProtocol.MIN_FRAME_LIMIT - 1L, WireProtocol.MIN_FRAME_LIMIT,
                WireProtocol.MAX_FRAME_CEILING + 1L, 0xFFFF_FFFFL, value};
            LittleEndian.put32(ByteBuffer.wrap(out), payload + 4, (int) maxFrames[(int) Math.floorMod(value, maxFrames.length)]);
        }
        return out;
    }

    private static byte[] headerField(byte[] out, double where, long value) {
        if (out.length < WireProtocol.HEADER_SIZE) {
            return out;
        }
        ByteBuffer buffer = ByteBuffer.wrap(out);
        switch (index(where, 7)) {
            case 0: // magic
                out[(int) Math.floorMod(value, 4)] ^= (byte) (1 + Math.floorMod(value, 255));
                break;
            case 1: // major version
                out[4] = (byte) new int[] {0, 2, 3, 255, (int) value}[index(Math.abs(value % 1000) / 1000.0, 5)];
                break;
            case 2: // minor version
                out[5] = (byte) new int[] {1, 9, 255, (int) value}[index(Math.abs(value % 1000) / 1000.0, 4)];
                break;
            case 3: // architecture: informative only, any value is fine
                out[6] = (byte) value;
                break;
            case 4: // type
                out[7] = (byte) Math.floorMod(value, 7);
                break;
            case 5: // flags
                LittleEndian.put16(buffer, 8, (int) new long[] {1, 2, 0x8000, 0xFFFF, value}[index(Math.abs(value % 1000) / 1000.0, 5)]);
                break;
            default: // reserved
                LittleEndian.put16(buffer, 10, (int) (value == 0 ? 1 : value));
                break;
        }
        return out;
    }

    private static byte[] appendJunk(byte[] frame, long seed, int count) {
        byte[] grown = Arrays.copyOf(frame, frame.length + count);
        for (int i = 0; i < count; i++) {
            grown[frame.length + i] = (byte) (seed >>> (8 * (i % 8)));
        }
        return grown;
    }

    private static int index(double where, int size) {
        return Math.max(0, Math.min(size - 1, (int) (where * size)));
    }

    private static long pick(long[] choices, long value) {
        return choices[(int) Math.floorMod(value, choices.length)];
    }

    private static List<Integer> toList(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static String describe(CallSpec call) {
        return call.version() + " CALL '" + call.name() + "' with " + call.params().size() + " parameters"
                + (call.omitted() ? ", buffers omitted" : "");
    }
}

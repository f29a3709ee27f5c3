package dev.servicecall.protocol.wire;

import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a CALL frame (layout in {@link CallCodec}) in two steps, so that the service answers in
 * the contract's order: {@link #readPrefix} (name and signature, to compare with the registration),
 * then {@link #readParameters} (slots and buffers, against the frame's own length and the
 * service's limits).
 *
 * <p>Every length and count is checked against the frame and the protocol's limits before it is
 * used; nothing is allocated from a length found in the frame. A mutable holder meant to be reused
 * for every call on one connection: decoding allocates nothing. Not thread-safe.
 */
public final class CallDecoder {
    private final byte[] masks = new byte[WireProtocol.MAX_PARAMETERS];
    private final long[] values = new long[WireProtocol.MAX_PARAMETERS];
    private final long[] lengths = new long[WireProtocol.MAX_PARAMETERS];
    private final int[] offsets = new int[WireProtocol.MAX_PARAMETERS];

    private ByteBuffer source;
    private int payloadIndex;
    private int payloadLength;
    private int flags;
    private int nameLength;
    private int count;
    private boolean parametersRead;

    /**
     * Reads the fixed part, name and masks of the CALL at {@code payloadIndex} of {@code source}.
     *
     * @param header the frame's header, already checked with
     *     {@link FrameHeader#requireNegotiated}; {@code header.payloadLength()} bytes must be
     *     readable at {@code payloadIndex}
     * @throws MalformedFrameException for a wrong type, unknown flags, a name length outside
     *     1..64, a parameter count over 64, a non-zero reserved field, a name outside the allowed
     *     characters, or a frame too short for what it declares
     */
    public void readPrefix(FrameHeader header, ByteBuffer source, int payloadIndex) throws MalformedFrameException {
        parametersRead = false;
        count = 0;
        nameLength = 0;
        if (header.type() != WireProtocol.TYPE_CALL) {
            throw new MalformedFrameException("expected CALL, got " + WireProtocol.typeName(header.type()));
        }
        if ((header.flags() & ~WireProtocol.CALL_FLAGS_KNOWN) != 0) {
            throw new MalformedFrameException("CALL flags 0x" + Integer.toHexString(header.flags())
                    + " include unknown bits");
        }
        long payload = header.payloadLength();
        if (payload > WireProtocol.MAX_FRAME_CEILING) {
            throw new MalformedFrameException("CALL payload of " + payload + " bytes exceeds the ceiling");
        }
        if (payload < CallCodec.NAME_OFFSET) {
            throw new MalformedFrameException("CALL payload of " + payload + " bytes is shorter than its fixed part");
        }
        if (source.limit() - payloadIndex < payload) {
            throw new MalformedFrameException("CALL payload of " + payload + " bytes but only "
                    + (source.limit() - payloadIndex) + " are present");
        }
        int names = LittleEndian.u8(source, payloadIndex);
        int parameters = LittleEndian.u8(source, payloadIndex + 1);
        if (names < 1 || names > WireProtocol.MAX_NAME_BYTES) {
            throw new MalformedFrameException("CALL name length " + names + " is outside 1.."
                    + WireProtocol.MAX_NAME_BYTES);
        }
        if (parameters > WireProtocol.MAX_PARAMETERS) {
            throw new MalformedFrameException("CALL parameter count " + parameters + " exceeds "
                    + WireProtocol.MAX_PARAMETERS);
        }
        if (LittleEndian.u16(source, payloadIndex + 2) != 0) {
            throw new MalformedFrameException("CALL reserved field is not 0");
        }
        if (CallCodec.NAME_OFFSET + names + parameters > payload) {
            throw new MalformedFrameException("CALL declares a " + names + "-byte name and " + parameters
                    + " masks, more than its payload of " + payload + " bytes");
        }
        int nameAt = payloadIndex + CallCodec.NAME_OFFSET;
        for (int i = 0; i < names; i++) {
            int c = source.get(nameAt + i) & 0xFF;
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || (c == '.' && i > 0);
            if (!allowed) {
                throw new MalformedFrameException(String.format("CALL name byte 0x%02X at %d is not allowed", c, i));
            }
        }
        for (int i = 0; i < parameters; i++) {
            masks[i] = source.get(nameAt + names + i);
        }
        this.source = source;
        this.payloadIndex = payloadIndex;
        this.payloadLength = (int) payload;
        this.flags = header.flags();
        this.nameLength = names;
        this.count = parameters;
    }

    /** Whether the called name is {@code asciiName} (compared byte by byte, nothing allocated). */
    public boolean nameEquals(byte[] asciiName) {
        if (asciiName.length != nameLength) {
            return false;
        }
        int nameAt = payloadIndex + CallCodec.NAME_OFFSET;
        for (int i = 0; i < nameLength; i++) {
            if (source.get(nameAt + i) != asciiName[i]) {
                return false;
            }
        }
        return true;
    }

    /** The called name (allocates; for messages). */
    public String name() {
        byte[] bytes = new byte[nameLength];
        source.get(payloadIndex + CallCodec.NAME_OFFSET, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Whether the call's masks are exactly {@code registered} (same count, same raw bytes). */
    public boolean signatureMatches(byte[] registered) {
        if (registered.length != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (registered[i] != masks[i]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the call's masks (allocates; for messages). */
    public byte[] signature() {
        byte[] copy = new byte[count];
        System.arraycopy(masks, 0, copy, 0, count);
        return copy;
    }

    /**
     * Reads the slots and locates the buffers. Call after {@link #readPrefix}, once the masks
     * are known to be valid (they matched a registration).
     *
     * @return the index of the first non-nullable pointer parameter sent as null (the service
     *     answers INVALID_PARAMETER_2), or -1 when there is none
     * @throws MalformedFrameException for an invalid mask, non-zero padding, a buffer length at or
     *     above 2^63 other than the null marker, or buffer lengths that disagree with the payload
     *     length in either direction
     */
    public int readParameters() throws MalformedFrameException {
        int slots = CallCodec.slotsOffset(nameLength, count);
        int maskEnd = CallCodec.NAME_OFFSET + nameLength + count;
        long dataStart = (long) slots + 8L * count;
        if (dataStart > payloadLength) {
            throw new MalformedFrameException("CALL with " + count + " parameters needs " + dataStart
                    + " bytes before its buffers, the payload has " + payloadLength);
        }
        if (!LittleEndian.isZero(source, payloadIndex + maskEnd, slots - maskEnd)) {
            throw new MalformedFrameException("CALL padding after the masks is not zero");
        }
        boolean omitted = buffersOmitted();
        long end = dataStart;
        int nullViolation = -1;
        for (int i = 0; i < count; i++) {
            int mask = masks[i] & 0xFF;
            if (!ParameterMasks.isValid(mask)) {
                throw new MalformedFrameException(String.format("CALL mask 0x%02X of parameter %d is invalid", mask, i));
            }
            long slot = LittleEndian.i64(source, payloadIndex + slots + 8 * i);
            if (!ParameterMasks.isPointer(mask)) {
                values[i] = ParameterMasks.truncate(mask, slot);
                lengths[i] = WireProtocol.NULL_POINTER;
                continue;
            }
            values[i] = 0;
            if (slot == WireProtocol.NULL_POINTER) {
                lengths[i] = WireProtocol.NULL_POINTER;
                if (!ParameterMasks.isNullable(mask) && nullViolation < 0) {
                    nullViolation = i;
                }
                continue;
            }
            if (slot < 0) {
                throw new MalformedFrameException("CALL buffer length " + Long.toUnsignedString(slot) + " of parameter "
                        + i + " is not below 2^63");
            }
            lengths[i] = slot;
            if (omitted) {
                continue;
            }
            if (slot > payloadLength - end) {
                throw new MalformedFrameException("CALL buffer of parameter " + i + " claims " + slot
                        + " bytes, only " + (payloadLength - end) + " remain in the payload");
            }
            offsets[i] = (int) (payloadIndex + end);
            long padded = LittleEndian.align8(slot);
            if (padded > payloadLength - end) {
                throw new MalformedFrameException("CALL buffer of parameter " + i + " lacks its padding");
            }
            if (!LittleEndian.isZero(source, (int) (payloadIndex + end + slot), (int) (padded - slot))) {
                throw new MalformedFrameException("CALL padding after the buffer of parameter " + i + " is not zero");
            }
            end += padded;
        }
        if (end != payloadLength) {
            throw new MalformedFrameException("CALL declares " + end + " bytes of payload, the header says "
                    + payloadLength);
        }
        parametersRead = true;
        return nullViolation;
    }

    /** Whether the frame has the BUFFERS_OMITTED flag. */
    public boolean buffersOmitted() {
        return (flags & WireProtocol.CALL_FLAG_BUFFERS_OMITTED) != 0;
    }

    /** The number of parameters. */
    public int parameterCount() {
        return count;
    }

    /** The raw mask of parameter {@code index}, 0..255. */
    public int mask(int index) {
        checkIndex(index);
        return masks[index] & 0xFF;
    }

    /** The value of parameter {@code index}, truncated to its width; 0 for pointers. */
    public long value(int index) {
        checkRead(index);
        return values[index];
    }

    /** Whether pointer parameter {@code index} is null (also true for value parameters). */
    public boolean isNull(int index) {
        checkRead(index);
        return lengths[index] == WireProtocol.NULL_POINTER;
    }

    /** The declared length of pointer parameter {@code index}; -1 for null or a value. */
    public long bufferLength(int index) {
        checkRead(index);
        return lengths[index];
    }

    /** The largest declared buffer length; 0 when there is none. */
    public long largestBuffer() {
        long largest = 0;
        for (int i = 0; i < count; i++) {
            largest = Math.max(largest, lengths[i]);
        }
        return largest;
    }

    /**
     * Where the bytes of pointer parameter {@code index} start in the source buffer (absolute).
     *
     * @throws IllegalStateException when buffers were omitted or the parameter is null
     */
    public int bufferOffset(int index) {
        checkRead(index);
        if (buffersOmitted() || lengths[index] < 0) {
            throw new IllegalStateException("parameter " + index + " has no bytes in this frame");
        }
        return offsets[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("parameter " + index + " of " + count);
        }
    }

    private void checkRead(int index) {
        checkIndex(index);
        if (!parametersRead) {
            throw new IllegalStateException("readParameters() has not succeeded for this frame");
        }
    }
}

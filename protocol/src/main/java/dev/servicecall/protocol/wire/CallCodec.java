package dev.servicecall.protocol.wire;

import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;

/**
 * Layout of CALL and its encoder (client side); {@link CallDecoder} reads it.
 *
 * <pre>
 * payload offset      size            field
 *  0                  1               name length N, 1..64
 *  1                  1               parameter count P, 0..64
 *  2                  2               reserved, 0
 *  4                  N               routine name, ASCII ({@code A-Z a-z 0-9 . _ -})
 *  4+N                P               raw parameter masks, one byte each
 *  4+N+P              pad             zeros up to S = align8(4+N+P)
 *  S                  8*P             slots, one per parameter, u64:
 *                                       value parameter: the value (the service truncates it to the mask's width)
 *                                       pointer parameter: the buffer length L, or 0xFFFFFFFFFFFFFFFF for null
 *  D = S+8*P          ...             buffer bytes, in parameter order, for every non-null pointer:
 *                                       L bytes then zeros up to align8(L)
 *                                     (absent when the BUFFERS_OMITTED flag is set)
 * </pre>
 *
 * The payload ends exactly after the last buffer's padding (at D with no buffers or with
 * BUFFERS_OMITTED). Stateless and thread-safe.
 */
public final class CallCodec {
    /** Offset of the name in the payload. */
    static final int NAME_OFFSET = 4;

    private CallCodec() {
    }

    /** The largest fixed part (everything but buffer bytes) of a CALL payload. */
    public static int maxFixedPart() {
        return (int) LittleEndian.align8(NAME_OFFSET + WireProtocol.MAX_NAME_BYTES + WireProtocol.MAX_PARAMETERS)
                + 8 * WireProtocol.MAX_PARAMETERS;
    }

    /** Offset of the slot table for a name of {@code nameLength} bytes and {@code count} parameters. */
    static int slotsOffset(int nameLength, int count) {
        return (int) LittleEndian.align8(NAME_OFFSET + nameLength + count);
    }

    /**
     * The size of the whole CALL frame (header included) for {@code request}.
     *
     * @param omitBuffers whether buffer bytes are left out (BUFFERS_OMITTED)
     * @return the size; may exceed {@link WireProtocol#MAX_FRAME_CEILING} (then the caller must omit buffers)
     */
    public static long frameSize(CallRequest request, boolean omitBuffers) {
        int count = request.parameterCount();
        long size = WireProtocol.HEADER_SIZE + slotsOffset(request.name().length(), count) + 8L * count;
        if (!omitBuffers) {
            for (int i = 0; i < count; i++) {
                ByteBuffer buffer = request.buffer(i);
                if (buffer != null) {
                    size += LittleEndian.align8(buffer.capacity());
                }
            }
        }
        return size;
    }

    /**
     * Writes the whole CALL frame for {@code request} at {@code index} of {@code target}
     * (absolute). {@code target} needs {@link #frameSize} bytes from {@code index}.
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException if the frame would exceed {@link WireProtocol#MAX_FRAME_CEILING}
     *     or the name is not ASCII (both excluded by {@link CallRequest}'s invariants and the
     *     caller's choice of {@code omitBuffers})
     */
    public static int encode(ByteBuffer target, int index, ProtocolVersion version, int architecture,
            CallRequest request, boolean omitBuffers) {
        long frameSize = frameSize(request, omitBuffers);
        if (frameSize - WireProtocol.HEADER_SIZE > WireProtocol.MAX_FRAME_CEILING) {
            throw new IllegalArgumentException("CALL frame of " + frameSize + " bytes exceeds the ceiling");
        }
        String name = request.name();
        int nameLength = name.length();
        int count = request.parameterCount();
        if (nameLength < 1 || nameLength > WireProtocol.MAX_NAME_BYTES || count > WireProtocol.MAX_PARAMETERS) {
            throw new IllegalArgumentException("name length " + nameLength + " or parameter count " + count);
        }
        FrameHeader.write(target, index, version, architecture, WireProtocol.TYPE_CALL,
                omitBuffers ? WireProtocol.CALL_FLAG_BUFFERS_OMITTED : 0,
                (int) (frameSize - WireProtocol.HEADER_SIZE));
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put8(target, p, nameLength);
        LittleEndian.put8(target, p + 1, count);
        LittleEndian.put16(target, p + 2, 0);
        for (int i = 0; i < nameLength; i++) {
            char c = name.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("routine name is not ASCII");
            }
            target.put(p + NAME_OFFSET + i, (byte) c);
        }
        int masksAt = p + NAME_OFFSET + nameLength;
        for (int i = 0; i < count; i++) {
            target.put(masksAt + i, (byte) request.mask(i));
        }
        int slots = slotsOffset(nameLength, count);
        LittleEndian.zero(target, masksAt + count, p + slots - (masksAt + count));
        int slotAt = p + slots;
        int dataAt = slotAt + 8 * count;
        for (int i = 0; i < count; i++, slotAt += 8) {
            if (!ParameterMasks.isPointer(request.mask(i))) {
                LittleEndian.put64(target, slotAt, request.value(i));
                continue;
            }
            ByteBuffer buffer = request.buffer(i);
            if (buffer == null) {
                LittleEndian.put64(target, slotAt, WireProtocol.NULL_POINTER);
                continue;
            }
            int length = buffer.capacity();
            LittleEndian.put64(target, slotAt, length);
            if (!omitBuffers) {
                target.put(dataAt, buffer, 0, length);
                int padded = (int) LittleEndian.align8(length);
                LittleEndian.zero(target, dataAt + length, padded - length);
                dataAt += padded;
            }
        }
        return (int) frameSize;
    }
}

package dev.servicecall.protocol.wire;

import dev.servicecall.spi.CallRequest;
import java.nio.ByteBuffer;

/**
 * Layout of REPLY and its encoder (service side); {@link ReplyDecoder} reads it.
 *
 * <pre>
 * payload offset size     field
 *  0             4        transport status: SUCCESS when the service handled the call (1.0 services
 *                           always send SUCCESS here and report name/signature failures with ERROR)
 *  4             4        service status: the routine's int, or INVALID_PARAMETER / UNHANDLED_EXCEPTION /
 *                           ACCESS_DENIED produced by the service instead
 *  8             1        written-back count W: 0, or the number of non-null pointer parameters of the call
 *  9             7        reserved, 0
 * 16             8*W      lengths of the written-back buffers, u64, in parameter order
 * 16+8*W         ...      buffer bytes in parameter order: L bytes then zeros up to align8(L)
 * </pre>
 *
 * W is not 0 only when the routine returned normally; each length equals the one the caller
 * sent. The payload ends exactly after the last buffer's padding. Stateless and thread-safe.
 */
public final class ReplyCodec {
    /** Size of the fixed part of the payload. */
    static final int FIXED = 16;

    private ReplyCodec() {
    }

    /**
     * The size of the whole REPLY frame (header included).
     *
     * @param buffers the routine's buffers to write back (index 0 to capacity each); {@code null}
     *     entries are skipped; {@code null} for no write-back
     * @param count how many entries of {@code buffers} to consider
     */
    public static long frameSize(ByteBuffer[] buffers, int count) {
        long size = WireProtocol.HEADER_SIZE + FIXED;
        if (buffers != null) {
            for (int i = 0; i < count; i++) {
                if (buffers[i] != null) {
                    size += 8 + LittleEndian.align8(buffers[i].capacity());
                }
            }
        }
        return size;
    }

    /**
     * The largest REPLY payload that can answer {@code request}: every non-null buffer written
     * back. A client reads replies with this limit (or {@link WireProtocol#MAX_CONTROL_PAYLOAD}
     * for an ERROR, whichever is larger), so a service cannot make it allocate more.
     */
    public static long maxPayloadFor(CallRequest request) {
        long size = FIXED;
        for (int i = 0; i < request.parameterCount(); i++) {
            ByteBuffer buffer = request.buffer(i);
            if (buffer != null) {
                size += 8 + LittleEndian.align8(buffer.capacity());
            }
        }
        return size;
    }

    /**
     * Writes the whole REPLY frame at {@code index} of {@code target} (absolute);
     * {@code target} needs {@link #frameSize} bytes there.
     *
     * @return the number of bytes written
     */
    public static int encode(ByteBuffer target, int index, ProtocolVersion version, int architecture,
            int transportStatus, int serviceStatus, ByteBuffer[] buffers, int count) {
        long frameSize = frameSize(buffers, count);
        if (frameSize - WireProtocol.HEADER_SIZE > WireProtocol.MAX_FRAME_CEILING) {
            throw new IllegalArgumentException("REPLY frame of " + frameSize + " bytes exceeds the ceiling");
        }
        int writtenBack = 0;
        if (buffers != null) {
            for (int i = 0; i < count; i++) {
                if (buffers[i] != null) {
                    writtenBack++;
                }
            }
        }
        FrameHeader.write(target, index, version, architecture, WireProtocol.TYPE_REPLY, 0,
                (int) (frameSize - WireProtocol.HEADER_SIZE));
        int p = index + WireProtocol.HEADER_SIZE;
        LittleEndian.put32(target, p, transportStatus);
        LittleEndian.put32(target, p + 4, serviceStatus);
        LittleEndian.put8(target, p + 8, writtenBack);
        LittleEndian.zero(target, p + 9, 7);
        int lengthAt = p + FIXED;
        int dataAt = lengthAt + 8 * writtenBack;
        for (int i = 0; writtenBack > 0 && i < count; i++) {
            ByteBuffer buffer = buffers[i];
            if (buffer == null) {
                continue;
            }
            int length = buffer.capacity();
            LittleEndian.put64(target, lengthAt, length);
            lengthAt += 8;
            target.put(dataAt, buffer, 0, length);
            int padded = (int) LittleEndian.align8(length);
            LittleEndian.zero(target, dataAt + length, padded - length);
            dataAt += padded;
        }
        return (int) frameSize;
    }
}

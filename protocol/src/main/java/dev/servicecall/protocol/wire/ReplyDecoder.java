package dev.servicecall.protocol.wire;

import dev.servicecall.spi.CallRequest;
import java.nio.ByteBuffer;

/**
 * Reads a REPLY frame (layout in {@link ReplyCodec}) on the client, checking it against the
 * call it answers before anything is copied: {@link #read} validates the whole frame, then
 * {@link #writeBack} copies the buffers into the caller's memory in parameter order. A malformed
 * reply therefore writes nothing back.
 *
 * <p>A mutable holder meant to be reused per connection; allocates nothing. Not thread-safe.
 */
public final class ReplyDecoder {
    private ByteBuffer source;
    private int payloadIndex;
    private int transportStatus;
    private int serviceStatus;
    private int writtenBack;
    private CallRequest request;

    /**
     * Validates the REPLY at {@code payloadIndex} of {@code source} against {@code request}.
     *
     * @throws MalformedFrameException for a wrong type, flags, non-zero reserved bytes, a written-back
     *     count that is neither 0 nor the number of non-null pointers of the request, a buffer length
     *     other than the one sent, write-back with a failure transport status, non-zero padding or a
     *     payload length that disagrees with the content
     */
    public void read(FrameHeader header, ByteBuffer source, int payloadIndex, CallRequest request)
            throws MalformedFrameException {
        this.request = null;
        if (header.type() != WireProtocol.TYPE_REPLY) {
            throw new MalformedFrameException("expected REPLY, got " + WireProtocol.typeName(header.type()));
        }
        if (header.flags() != 0) {
            throw new MalformedFrameException("REPLY flags 0x" + Integer.toHexString(header.flags()) + " are not 0");
        }
        long payload = header.payloadLength();
        if (payload < ReplyCodec.FIXED) {
            throw new MalformedFrameException("REPLY payload of " + payload + " bytes is shorter than "
                    + ReplyCodec.FIXED);
        }
        if (source.limit() - payloadIndex < payload) {
            throw new MalformedFrameException("REPLY payload of " + payload + " bytes but only "
                    + (source.limit() - payloadIndex) + " are present");
        }
        int transport = LittleEndian.i32(source, payloadIndex);
        int service = LittleEndian.i32(source, payloadIndex + 4);
        int count = LittleEndian.u8(source, payloadIndex + 8);
        if (!LittleEndian.isZero(source, payloadIndex + 9, 7)) {
            throw new MalformedFrameException("REPLY reserved bytes are not 0");
        }
        int pointers = 0;
        for (int i = 0; i < request.parameterCount(); i++) {
            if (request.buffer(i) != null) {
                pointers++;
            }
        }
        if (count != 0 && count != pointers) {
            throw new MalformedFrameException("REPLY writes back " + count + " buffers, the call has " + pointers);
        }
        if (count != 0 && transport != 0) {
            throw new MalformedFrameException("REPLY writes back buffers with transport status " + transport);
        }
        long end = ReplyCodec.FIXED + 8L * count;
        if (end > payload) {
            throw new MalformedFrameException("REPLY with " + count + " buffers needs " + end
                    + " bytes, the payload has " + payload);
        }
        int lengthAt = payloadIndex + ReplyCodec.FIXED;
        for (int i = 0; count > 0 && i < request.parameterCount(); i++) {
            ByteBuffer target = request.buffer(i);
            if (target == null) {
                continue;
            }
            long length = LittleEndian.i64(source, lengthAt);
            lengthAt += 8;
            if (length != target.capacity()) {
                throw new MalformedFrameException("REPLY buffer of parameter " + i + " has "
                        + Long.toUnsignedString(length) + " bytes, the call sent " + target.capacity());
            }
            long padded = LittleEndian.align8(length);
            if (padded > payload - end) {
                throw new MalformedFrameException("REPLY buffer of parameter " + i + " claims " + length
                        + " bytes, only " + (payload - end) + " remain in the payload");
            }
            if (!LittleEndian.isZero(source, (int) (payloadIndex + end + length), (int) (padded - length))) {
                throw new MalformedFrameException("REPLY padding after the buffer of parameter " + i + " is not zero");
            }
            end += padded;
        }
        if (end != payload) {
            throw new MalformedFrameException("REPLY content is " + end + " bytes, the header says " + payload);
        }
        this.source = source;
        this.payloadIndex = payloadIndex;
        this.transportStatus = transport;
        this.serviceStatus = service;
        this.writtenBack = count;
        this.request = request;
    }

    /** The transport status of the validated reply. */
    public int transportStatus() {
        return transportStatus;
    }

    /** The service status of the validated reply. */
    public int serviceStatus() {
        return serviceStatus;
    }

    /** Whether the validated reply carries buffers. */
    public boolean hasWriteBack() {
        return writtenBack > 0;
    }

    /**
     * Copies the validated reply's buffers into the request's buffers, whole, in parameter order
     * (a later parameter wins where two cover the same memory). Does nothing when the reply
     * carries no buffers.
     *
     * @throws IllegalStateException when {@link #read} has not succeeded
     */
    public void writeBack() {
        if (request == null) {
            throw new IllegalStateException("no validated reply");
        }
        int dataAt = payloadIndex + ReplyCodec.FIXED + 8 * writtenBack;
        for (int i = 0; writtenBack > 0 && i < request.parameterCount(); i++) {
            ByteBuffer target = request.buffer(i);
            if (target == null) {
                continue;
            }
            int length = target.capacity();
            target.put(0, source, dataAt, length);
            dataAt += (int) LittleEndian.align8(length);
        }
        request = null;
    }
}

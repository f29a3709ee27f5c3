package dev.servicecall.spi;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One call as the application layer hands it to a transport, already checked.
 *
 * <p>Invariants a transport may rely on (the application layer has enforced them and answered
 * ACCESS_VIOLATION, INVALID_PARAMETER_2 or OBJECT_NAME_INVALID otherwise):
 * <ul>
 *   <li>{@link #name()} passes {@link RoutineNames#check(String)};</li>
 *   <li>every mask of {@link #signature()} is valid and there are at most
 *       {@link ParameterMasks#MAX_PARAMETERS};</li>
 *   <li>{@link #value(int)} is already truncated to the mask's width (0 for pointers);</li>
 *   <li>{@link #buffer(int)} is, for a pointer parameter, a writable view of exactly the declared
 *       size of the caller's memory (position 0, limit = capacity = size), or {@code null} for a
 *       null nullable pointer; it is {@code null} for value parameters.</li>
 * </ul>
 *
 * <p>The transport must never keep or hand these views to a routine (the routine gets its own
 * copy); after the routine returned normally it copies the routine's buffers back into them, whole,
 * in parameter order ({@link #writeBack(int, ByteBuffer)}), and not at all after the call ended
 * with a failure status. Not thread-safe: a request belongs to the calling thread.
 *
 * <p>The application layer reuses request objects from call to call on the same thread (so that a
 * call allocates nothing here): a transport must not keep the request, or anything it returns,
 * after {@link Transport#call(CallRequest)} returned. Copy what must outlive the call.
 */
public final class CallRequest {
    private String name;
    private final byte[] signature;
    private final long[] values;
    private final ByteBuffer[] buffers;
    private long timeoutNanos;

    /**
     * @param name the routine name
     * @param signature one raw mask per parameter (not copied: the caller gives up ownership)
     * @param values the truncated values, one slot per parameter
     * @param buffers the caller's buffer views, one slot per parameter
     * @param timeoutNanos the call's deadline as a duration from now, or 0 for none
     */
    public CallRequest(String name, byte[] signature, long[] values, ByteBuffer[] buffers, long timeoutNanos) {
        this.name = Objects.requireNonNull(name, "name");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.values = Objects.requireNonNull(values, "values");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        if (values.length != signature.length || buffers.length != signature.length) {
            throw new IllegalArgumentException("values and buffers need one slot per parameter");
        }
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos < 0");
        }
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * A request of {@code parameterCount} parameters to fill with {@link #reset} and
     * {@link #setValue}/{@link #setBuffer} and to reuse from call to call; every slot starts as
     * a zero value with mask 0.
     */
    public CallRequest(int parameterCount) {
        this.signature = new byte[parameterCount];
        this.values = new long[parameterCount];
        this.buffers = new ByteBuffer[parameterCount];
        this.name = "";
    }

    /** Starts filling this request for a new call; the parameter slots keep their old contents. */
    public CallRequest reset(String name, long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeoutNanos < 0");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.timeoutNanos = timeoutNanos;
        return this;
    }

    /** Sets parameter {@code index} to a value with {@code mask}; its buffer slot becomes null. */
    public void setValue(int index, int mask, long value) {
        signature[index] = (byte) mask;
        values[index] = value;
        buffers[index] = null;
    }

    /** Sets parameter {@code index} to a pointer with {@code mask} and the caller's view (or null). */
    public void setBuffer(int index, int mask, ByteBuffer view) {
        signature[index] = (byte) mask;
        values[index] = 0;
        buffers[index] = view;
    }

    /** Drops every buffer reference, so that a request kept for reuse does not hold the caller's memory. */
    public void clearBuffers() {
        java.util.Arrays.fill(buffers, null);
    }

    /** The routine name. */
    public String name() {
        return name;
    }

    /** The raw masks; the transport must not modify the array. */
    public byte[] signature() {
        return signature;
    }

    /** The number of parameters. */
    public int parameterCount() {
        return signature.length;
    }

    /** The raw mask of parameter {@code index}, 0..255. */
    public int mask(int index) {
        return signature[index] & 0xFF;
    }

    /** The truncated value of parameter {@code index}; 0 for pointers. */
    public long value(int index) {
        return values[index];
    }

    /**
     * The caller's memory for pointer parameter {@code index} (see class invariants), or
     * {@code null}. Read it with absolute gets or a {@code duplicate()}; never keep it.
     */
    public ByteBuffer buffer(int index) {
        return buffers[index];
    }

    /** The deadline as a duration from the start of the call, in nanoseconds; 0 means none. */
    public long timeoutNanos() {
        return timeoutNanos;
    }

    /**
     * Copies the routine's result for pointer parameter {@code index} into the caller's memory:
     * the first {@code size} bytes of {@code from}, read from index 0 whatever its position.
     *
     * @throws IllegalArgumentException if {@code from} holds fewer bytes than the declared size
     */
    public void writeBack(int index, ByteBuffer from) {
        ByteBuffer target = buffers[index];
        if (target == null) {
            return;
        }
        int size = target.capacity();
        if (from.capacity() < size) {
            throw new IllegalArgumentException("result buffer for parameter " + index + " has "
                    + from.capacity() + " bytes, the declared size is " + size);
        }
        target.duplicate().clear().put(from.duplicate().clear().limit(size));
    }
}

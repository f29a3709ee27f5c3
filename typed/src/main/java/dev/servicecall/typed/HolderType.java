package dev.servicecall.typed;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The holder types, their width, and how their value is laid out in a buffer: little-endian. */
enum HolderType {
    BYTE(ByteRef.class, ByteRef.BYTES),
    SHORT(ShortRef.class, ShortRef.BYTES),
    INT(IntRef.class, IntRef.BYTES),
    LONG(LongRef.class, LongRef.BYTES);

    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final Class<?> javaType;
    final int bytes;

    HolderType(Class<?> javaType, int bytes) {
        this.javaType = javaType;
        this.bytes = bytes;
    }

    static HolderType of(Class<?> type) {
        for (HolderType holder : values()) {
            if (holder.javaType == type) {
                return holder;
            }
        }
        return null;
    }

    /** Writes the holder's value into {@code target[0, bytes)}. */
    void store(Object holder, byte[] target) {
        switch (this) {
            case BYTE: target[0] = ((ByteRef) holder).get(); break;
            case SHORT: SHORTS.set(target, 0, ((ShortRef) holder).get()); break;
            case INT: INTS.set(target, 0, ((IntRef) holder).get()); break;
            default: LONGS.set(target, 0, ((LongRef) holder).get()); break;
        }
    }

    /** Sets the holder's value from {@code source[0, bytes)}. */
    void load(Object holder, byte[] source) {
        switch (this) {
            case BYTE: ((ByteRef) holder).set(source[0]); break;
            case SHORT: ((ShortRef) holder).set((short) SHORTS.get(source, 0)); break;
            case INT: ((IntRef) holder).set((int) INTS.get(source, 0)); break;
            default: ((LongRef) holder).set((long) LONGS.get(source, 0)); break;
        }
    }

    /** A new holder of 0. */
    Object create() {
        switch (this) {
            case BYTE: return new ByteRef();
            case SHORT: return new ShortRef();
            case INT: return new IntRef();
            default: return new LongRef();
        }
    }

    /** Writes the holder's value into {@code target[0, bytes)}, little-endian whatever the buffer's order. */
    void store(Object holder, ByteBuffer target) {
        switch (this) {
            case BYTE: target.put(0, ((ByteRef) holder).get()); break;
            case SHORT: target.putShort(0, littleEndian(target, ((ShortRef) holder).get())); break;
            case INT: target.putInt(0, littleEndian(target, ((IntRef) holder).get())); break;
            default: target.putLong(0, littleEndian(target, ((LongRef) holder).get())); break;
        }
    }

    /** Sets the holder's value from {@code source[0, bytes)}, little-endian whatever the buffer's order. */
    void load(Object holder, ByteBuffer source) {
        switch (this) {
            case BYTE: ((ByteRef) holder).set(source.get(0)); break;
            case SHORT: ((ShortRef) holder).set(littleEndian(source, source.getShort(0))); break;
            case INT: ((IntRef) holder).set(littleEndian(source, source.getInt(0))); break;
            default: ((LongRef) holder).set(littleEndian(source, source.getLong(0))); break;
        }
    }

    // Swapping is its own inverse, so these serve reading and writing alike.
    private static short littleEndian(ByteBuffer buffer, short value) {
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Short.reverseBytes(value);
    }

    private static int littleEndian(ByteBuffer buffer, int value) {
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }

    private static long littleEndian(ByteBuffer buffer, long value) {
        return buffer.order() == ByteOrder.LITTLE_ENDIAN ? value : Long.reverseBytes(value);
    }
}

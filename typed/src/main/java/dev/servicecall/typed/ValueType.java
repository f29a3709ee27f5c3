package dev.servicecall.typed;

import dev.servicecall.api.ParameterMask;

/** The Java types that travel by value, with their natural width. */
enum ValueType {
    BYTE(byte.class, 1, ParameterMask.BYTE),
    SHORT(short.class, 2, ParameterMask.WORD),
    INT(int.class, 4, ParameterMask.DWORD),
    LONG(long.class, 8, ParameterMask.QWORD);

    final Class<?> javaType;
    final int bytes;
    final ParameterMask naturalMask;

    ValueType(Class<?> javaType, int bytes, ParameterMask naturalMask) {
        this.javaType = javaType;
        this.bytes = bytes;
        this.naturalMask = naturalMask;
    }

    static ValueType of(Class<?> type) {
        for (ValueType value : values()) {
            if (value.javaType == type) {
                return value;
            }
        }
        return null;
    }

    /** The boxed argument sign-extended, as the raw API takes it; the transport truncates it to the mask's width. */
    static long toWire(Object boxed) {
        return ((Number) boxed).longValue();
    }

    /** The received value (truncated to its width, unsigned) narrowed to this type: its bits, nothing else. */
    Object fromWire(long value) {
        switch (this) {
            case BYTE: return (byte) value;
            case SHORT: return (short) value;
            case INT: return (int) value;
            default: return value;
        }
    }
}

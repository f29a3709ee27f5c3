package dev.servicecall.api;

import java.nio.ByteBuffer;

/**
 * One call as a routine sees it. Valid on the routine's thread until the routine returns.
 *
 * <p>Value accessors return the value truncated to its declared width, unsigned. Buffers are the
 * service's own copy of the caller's bytes, exactly the declared size, in little-endian byte
 * order (the layout of the original on x86); whatever the routine leaves in them from index 0 to
 * the size is written back to the caller when it returns normally.
 */
public interface RoutineCall {
    /** The name the caller called. */
    String routineName();

    /** The number of parameters. */
    int parameterCount();

    /** The mask of parameter {@code index}. */
    ParameterMask mask(int index);

    /** The value of parameter {@code index}, truncated to its width, unsigned; 0 for a pointer. */
    long value(int index);

    /** The value of a 32-bit parameter as an int (the 32 bits, signed as Java reads them). */
    default int dword(int index) {
        return (int) value(index);
    }

    /** The value of a 64-bit parameter. */
    default long qword(int index) {
        return value(index);
    }

    /** The buffer of pointer parameter {@code index}; {@code null} for a null pointer. */
    ByteBuffer buffer(int index);

    /** Who is calling ({@code RtlClientId}). */
    ClientId client();
}

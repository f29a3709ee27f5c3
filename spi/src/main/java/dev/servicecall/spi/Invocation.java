package dev.servicecall.spi;

import java.nio.ByteBuffer;

/**
 * One call as a transport presents it to a {@link RoutineHandler} on the service side.
 *
 * <p>Valid only on the thread running the handler and only until the handler returns.
 * Buffers belong to the service: each is exactly the declared size (position 0, limit =
 * capacity = size), holds a snapshot of the caller's bytes and never aliases the caller's
 * memory. Whatever the handler leaves in them, from index 0 to the declared size, is what the
 * transport copies back when the handler returns normally.
 */
public interface Invocation {
    /** The routine name that was called. */
    String routineName();

    /** The number of parameters. */
    int parameterCount();

    /** The raw mask of parameter {@code index}, 0..255. */
    int mask(int index);

    /** The value of parameter {@code index}, truncated to its width, unsigned; 0 for pointers. */
    long value(int index);

    /** The service-side buffer of pointer parameter {@code index}; {@code null} for a null pointer or a value. */
    ByteBuffer buffer(int index);

    /** Who is calling. */
    CallerIdentity caller();
}

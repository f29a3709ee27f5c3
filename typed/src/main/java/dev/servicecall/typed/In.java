package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Direction of a holder parameter ({@link ByteRef}, {@link ShortRef}, {@link IntRef},
 * {@link LongRef}): the holder's value is sent to the routine, and the holder is not changed by the call. In an export, the implementation's changes to the holder are not written back (the caller gets its own bytes back).
 *
 * <p>The wire does not change: a holder always travels as a pointer buffer of its width, copied
 * both ways as every buffer is. The direction only decides what the typed layer puts into the
 * buffer and takes out of it. At most one direction per parameter. {@code byte[]} and
 * {@code ByteBuffer} are always written back whole, as by the raw API, so on them only
 * {@link InOut} (as documentation) is accepted; on values none is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface In {
}

package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Direction of a holder parameter ({@link ByteRef}, {@link ShortRef}, {@link IntRef},
 * {@link LongRef}): the holder's value is sent and the routine's result written back into it. This is the default for holders, and what the raw API does with every buffer.
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
public @interface InOut {
}

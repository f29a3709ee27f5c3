package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a pointer parameter ({@code byte[]}, {@code ByteBuffer} or a holder) nullable: mask
 * {@code NULLABLE_POINTER} (0x60) instead of {@code POINTER} (0x40). A caller may pass
 * {@code null}, which reaches the implementation as {@code null}; nothing is copied back for it.
 *
 * <p>Without it, passing {@code null} is rejected by the library exactly as a raw call would be
 * (INVALID_PARAMETER_2, thrown as {@link dev.servicecall.api.ServiceCallException}). Values cannot
 * be null: {@code @Nullable} on {@code byte/short/int/long} is rejected. Not combinable with
 * {@link Mask} (the null bit of the mask says it).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Nullable {
}

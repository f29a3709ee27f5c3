package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a parameter's raw mask byte explicitly, so that any valid signature can be expressed,
 * e.g. {@code @Mask(0x8C) long v} (a value with both the 64- and 32-bit bits: it travels as
 * 64 bits but is a different signature from {@code QWORD} 0x88), or {@code @Mask(0x44) byte[] b}
 * (a pointer with ignored size bits).
 *
 * <p>The mask must be valid (SPEC section 3) and fit the Java type: a by-value mask on
 * {@code byte/short/int/long} whose width is not wider than the Java type; a pointer mask on
 * {@code byte[]}, {@code ByteBuffer} or a holder. A pointer mask with the null bit ({@code 0x20})
 * makes the parameter nullable. {@code @Mask} replaces the width annotations and
 * {@link Nullable}: combining them is rejected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Mask {
    /** The raw mask, 0..255. */
    int value();
}

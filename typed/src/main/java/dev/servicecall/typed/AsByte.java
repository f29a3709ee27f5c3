package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sends a value parameter as a 8-bit {@code BYTE} (mask {@code 0x81}).
 *
 * <p>Allowed on a byte, short, int or long parameter: the Java type must be at least 1 byte(s) wide. The
 * caller's value is truncated to 1 byte(s), as the raw API does; the routine receives those
 * bits, sign-reinterpreted when the Java type is exactly as wide and zero-extended (unsigned)
 * when it is wider. At most one width annotation per parameter, never together with {@link Mask}.
 * Without one, a parameter travels at its Java type's own width.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AsByte {
}

package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the routine an interface method stands for: a proxy calls it, an export registers it.
 *
 * <p>Every abstract method of a typed interface needs one (default methods must not have one: they
 * run locally). The name follows the rule of every routine name (1 to 64 characters of
 * {@code A-Z a-z 0-9 . _ -}, not starting with {@code .}); two methods of one interface may not
 * name the same routine. Both are checked when the proxy or export is created.
 *
 * <p>Not to be confused with {@link dev.servicecall.api.Routine}, the raw routine callback.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Routine {
    /** The routine name, e.g. {@code "ServerPlusInt"}. */
    String value();
}

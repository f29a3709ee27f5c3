package dev.servicecall.typed;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * For a {@code void} routine method: the service statuses that count as success, instead of
 * {@code 0} alone. Any other status is thrown as {@link RoutineFailedException}. For example a
 * routine that answers {@code 0x80000005} (buffer overflow, partial data) as a warning:
 * {@code @SuccessStatuses({0, 0x80000005})}.
 *
 * <p>Only on {@code void} methods (an {@code int} method returns every status as is), and with at
 * least one status. Checked when the proxy or export is created. Has no effect on an export.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SuccessStatuses {
    /** The statuses that do not throw. */
    int[] value();
}

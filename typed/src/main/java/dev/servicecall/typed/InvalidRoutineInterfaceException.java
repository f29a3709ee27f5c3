package dev.servicecall.typed;

import java.util.List;

/**
 * A typed interface cannot be mapped onto routines. Thrown by {@link TypedServiceCall#proxy} and
 * {@link TypedServiceCall#export} before anything is called or registered.
 *
 * <p>The message lists every problem found, one per line, each naming the method and, where it
 * applies, the parameter by index (from 0, as in a {@link dev.servicecall.api.Signature}) and
 * Java type, e.g. {@code Calculator.plus parameter 2 (String): not a value, buffer or holder
 * type}. It is a programming error, hence unchecked, like the {@link IllegalArgumentException}
 * that {@link java.lang.reflect.Proxy} throws for interfaces it cannot proxy.
 */
public class InvalidRoutineInterfaceException extends IllegalArgumentException {
    private final transient List<String> problems;

    InvalidRoutineInterfaceException(Class<?> type, List<String> problems) {
        super(render(type, problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one sentence each, in the order of the message. */
    public List<String> problems() {
        return problems;
    }

    private static String render(Class<?> type, List<String> problems) {
        StringBuilder text = new StringBuilder(type.getName()).append(" is not a valid typed routine interface:");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}

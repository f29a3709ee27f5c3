package dev.servicecall.typed;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.spi.ParameterMasks;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping rules for one parameter of a routine method: which Java types travel how, which
 * annotations fit which types. Each broken rule becomes one problem sentence naming the method,
 * the parameter index and its Java type. Stateless.
 */
final class ParameterRules {
    private static final String SUPPORTED = "not a value (byte, short, int, long), buffer (byte[], ByteBuffer)"
            + " or holder (ByteRef, ShortRef, IntRef, LongRef) type";

    private ParameterRules() {
    }

    /**
     * The plan for parameter {@code index} of {@code method}, or {@code null} after adding at least
     * one problem to {@code problems}.
     */
    static ParameterPlan plan(String method, int index, Class<?> type, Annotation[] annotations, List<String> problems) {
        String where = method + " parameter " + index + " (" + type.getSimpleName() + "): ";
        Found found = Found.of(annotations);
        int before = problems.size();
        if (found.widths.size() > 1) {
            problems.add(where + "conflicting widths " + String.join(" and ", names(found.widths)) + "; give one");
        }
        if (found.directions.size() > 1) {
            problems.add(where + "conflicting directions " + String.join(" and ", names(found.directions)) + "; give one");
        }
        if (found.mask != null && !found.widths.isEmpty()) {
            problems.add(where + "@Mask gives the whole mask; drop " + name(found.widths.get(0)));
        }
        if (found.mask != null && found.nullable) {
            problems.add(where + "@Mask gives the whole mask; drop @Nullable (a pointer mask with bit 0x20 is nullable)");
        }
        ParameterPlan plan = planByType(where, index, type, found, problems);
        return problems.size() == before ? plan : null;
    }

    private static ParameterPlan planByType(String where, int index, Class<?> type, Found found, List<String> problems) {
        ValueType value = ValueType.of(type);
        if (value != null) {
            return planValue(where, index, value, found, problems);
        }
        if (type == byte[].class) {
            rejectDirectionOnBuffer(where, found, problems);
            return new ArrayParameter(index, pointerMask(where, type, found, problems));
        }
        if (type == ByteBuffer.class) {
            rejectDirectionOnBuffer(where, found, problems);
            return new ByteBufferParameter(index, pointerMask(where, type, found, problems));
        }
        HolderType holder = HolderType.of(type);
        if (holder != null) {
            return new HolderParameter(index, pointerMask(where, type, found, problems), holder, direction(found));
        }
        problems.add(where + unsupported(type));
        return null;
    }

    private static ParameterPlan planValue(String where, int index, ValueType value, Found found, List<String> problems) {
        if (found.nullable) {
            problems.add(where + "@Nullable on a value: values cannot be null; only byte[], ByteBuffer and holders can");
        }
        if (!found.directions.isEmpty()) {
            problems.add(where + name(found.directions.get(0)) + " on a value: values travel to the routine only;"
                    + " use a holder (ByteRef, ShortRef, IntRef, LongRef) for a result");
        }
        ParameterMask mask = value.naturalMask;
        if (found.mask != null) {
            int raw = found.mask.value();
            String problem = maskProblem(raw);
            if (problem != null) {
                problems.add(where + problem);
            } else if (!isValueMask(raw)) {
                problems.add(where + "@Mask(" + hex(raw) + ") declares a pointer, but " + value.javaType + " is a value");
            } else if (ParameterMasks.valueWidth(raw) > value.bytes) {
                problems.add(where + "@Mask(" + hex(raw) + ") is " + ParameterMasks.valueWidth(raw) + " bytes wide, wider than "
                        + value.javaType + " (" + value.bytes + " bytes); use long");
            } else {
                mask = ParameterMask.raw(raw);
            }
        } else if (found.widths.size() == 1) {
            Class<? extends Annotation> width = found.widths.get(0);
            int bytes = widthBytes(width);
            if (bytes > value.bytes) {
                problems.add(where + name(width) + " is " + bytes + " bytes wide, wider than " + value.javaType
                        + " (" + value.bytes + " bytes); use " + (bytes == 8 ? "long" : "int"));
            } else {
                mask = widthMask(width);
            }
        }
        return new ValueParameter(index, mask, value);
    }

    private static ParameterMask pointerMask(String where, Class<?> type, Found found, List<String> problems) {
        if (!found.widths.isEmpty()) {
            problems.add(where + name(found.widths.get(0)) + " on a pointer: widths apply to values (byte, short, int, long);"
                    + " a buffer's size is the caller's, a holder's is its type's");
        }
        if (found.mask != null) {
            int raw = found.mask.value();
            String problem = maskProblem(raw);
            if (problem != null) {
                problems.add(where + problem);
            } else if (isValueMask(raw)) {
                problems.add(where + "@Mask(" + hex(raw) + ") declares a value, but " + type.getSimpleName() + " is a pointer");
            } else {
                return ParameterMask.raw(raw);
            }
            return ParameterMask.POINTER;
        }
        return found.nullable ? ParameterMask.NULLABLE_POINTER : ParameterMask.POINTER;
    }

    private static void rejectDirectionOnBuffer(String where, Found found, List<String> problems) {
        for (Class<? extends Annotation> direction : found.directions) {
            if (direction != InOut.class) {
                problems.add(where + name(direction) + " on a buffer: byte[] and ByteBuffer are always sent and written"
                        + " back whole, as by the raw API; use a holder, or pass a copy");
            }
        }
    }

    private static HolderParameter.Direction direction(Found found) {
        if (found.directions.contains(In.class)) {
            return HolderParameter.Direction.IN;
        }
        if (found.directions.contains(Out.class)) {
            return HolderParameter.Direction.OUT;
        }
        return HolderParameter.Direction.IN_OUT;
    }

    private static String unsupported(Class<?> type) {
        if (type == Byte.class || type == Short.class || type == Integer.class || type == Long.class) {
            return "a boxed value; use the primitive " + ValueType.values()[boxIndex(type)].javaType + " (values cannot be null)";
        }
        if (type == float.class || type == double.class || type == Float.class || type == Double.class) {
            return SUPPORTED + "; floating point travels only inside buffers (a ByteBuffer)";
        }
        if (type == boolean.class || type == char.class || type == Boolean.class || type == Character.class) {
            return SUPPORTED + "; send it as a byte, short or int";
        }
        if (type.isArray()) {
            return SUPPORTED + "; the only array buffer is byte[] (view other data through a ByteBuffer)";
        }
        return SUPPORTED;
    }

    private static int boxIndex(Class<?> boxed) {
        return boxed == Byte.class ? 0 : boxed == Short.class ? 1 : boxed == Integer.class ? 2 : 3;
    }

    /** Why a raw mask is unusable, or {@code null} when it is a valid mask. */
    static String maskProblem(int raw) {
        if (raw < 0 || raw > 0xFF) {
            return "@Mask(" + raw + ") is not one byte (0..255)";
        }
        if (ParameterMasks.isValid(raw)) {
            return null;
        }
        String why;
        if ((raw & ParameterMasks.RESERVED) != 0) {
            why = "bit 0x10 is reserved";
        } else if ((raw & ParameterMasks.VL) != 0 && (raw & (ParameterMasks.PT | ParameterMasks.NL)) != 0) {
            why = "a value (0x80) cannot also be a pointer (0x40) or nullable (0x20)";
        } else if ((raw & ParameterMasks.VL) != 0) {
            why = "a value (0x80) needs a size bit (0x01, 0x02, 0x04 or 0x08)";
        } else {
            why = "neither a value (0x80) nor a pointer (0x40)";
        }
        return "@Mask(" + hex(raw) + ") is not a valid mask: " + why;
    }

    private static boolean isValueMask(int raw) {
        return (raw & ParameterMasks.VL) != 0;
    }

    private static int widthBytes(Class<? extends Annotation> width) {
        return widthMask(width).valueWidth();
    }

    private static ParameterMask widthMask(Class<? extends Annotation> width) {
        if (width == AsByte.class) {
            return ParameterMask.BYTE;
        }
        if (width == AsWord.class) {
            return ParameterMask.WORD;
        }
        if (width == AsDword.class) {
            return ParameterMask.DWORD;
        }
        return ParameterMask.QWORD;
    }

    private static String hex(int raw) {
        return String.format("0x%02X", raw);
    }

    private static String name(Class<? extends Annotation> annotation) {
        return "@" + annotation.getSimpleName();
    }

    private static List<String> names(List<Class<? extends Annotation>> annotations) {
        List<String> names = new ArrayList<>();
        for (Class<? extends Annotation> annotation : annotations) {
            names.add(name(annotation));
        }
        return names;
    }

    /** The typed-layer annotations found on one parameter; others are ignored. */
    private static final class Found {
        final List<Class<? extends Annotation>> widths = new ArrayList<>();
        final List<Class<? extends Annotation>> directions = new ArrayList<>();
        Mask mask;
        boolean nullable;

        static Found of(Annotation[] annotations) {
            Found found = new Found();
            for (Annotation annotation : annotations) {
                Class<? extends Annotation> kind = annotation.annotationType();
                if (kind == AsByte.class || kind == AsWord.class || kind == AsDword.class || kind == AsQword.class) {
                    found.widths.add(kind);
                } else if (kind == In.class || kind == Out.class || kind == InOut.class) {
                    found.directions.add(kind);
                } else if (kind == Mask.class) {
                    found.mask = (Mask) annotation;
                } else if (kind == Nullable.class) {
                    found.nullable = true;
                }
            }
            return found;
        }
    }
}

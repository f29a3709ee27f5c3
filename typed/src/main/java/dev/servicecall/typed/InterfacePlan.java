package dev.servicecall.typed;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.RoutineNames;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A typed interface, checked: one {@link MethodPlan} per routine method, sorted by routine name,
 * and its default methods (which run locally). Built once per interface and cached; immutable.
 */
final class InterfacePlan {
    private static final ClassValue<InterfacePlan> PLANS = new ClassValue<>() {
        @Override
        protected InterfacePlan computeValue(Class<?> type) {
            return build(type);
        }
    };

    final Class<?> type;
    final List<MethodPlan> routines;
    /**
     * Default methods by {@link Method}, as {@code (Object proxy, Object[] arguments)Object}
     * handles; a default method missing here (its interface is not open to this library) is run
     * through {@link java.lang.reflect.InvocationHandler#invokeDefault}.
     */
    final Map<Method, MethodHandle> defaultMethods;

    private InterfacePlan(Class<?> type, List<MethodPlan> routines, Map<Method, MethodHandle> defaultMethods) {
        this.type = type;
        this.routines = List.copyOf(routines);
        this.defaultMethods = Map.copyOf(defaultMethods);
    }

    /**
     * The plan of {@code type}, checked on first use.
     *
     * @throws InvalidRoutineInterfaceException listing every rule {@code type} breaks
     */
    static InterfacePlan of(Class<?> type) {
        return PLANS.get(type);
    }

    /** The routine methods by the {@link Method} a proxy is handed. */
    Map<Method, MethodPlan> byMethod() {
        Map<Method, MethodPlan> plans = new HashMap<>();
        for (MethodPlan plan : routines) {
            plans.put(plan.method, plan);
        }
        return Map.copyOf(plans);
    }

    private static InterfacePlan build(Class<?> type) {
        List<String> problems = new ArrayList<>();
        if (type.isAnnotation()) {
            throw new InvalidRoutineInterfaceException(type, List.of(type.getSimpleName()
                    + " is an annotation type; declare an ordinary interface of @Routine methods"));
        }
        if (!type.isInterface()) {
            throw new InvalidRoutineInterfaceException(type, List.of(type.getSimpleName()
                    + " is a " + (type.isPrimitive() ? "primitive type" : type.isArray() ? "array type" : "class")
                    + ", not an interface; declare an interface of @Routine methods"));
        }
        List<MethodPlan> routines = new ArrayList<>();
        Map<Method, MethodHandle> defaultMethods = new HashMap<>();
        for (Method method : sorted(type.getMethods())) {
            Routine routine = method.getAnnotation(Routine.class);
            String label = label(type, method);
            if (Modifier.isStatic(method.getModifiers()) || isObjectMethod(method)) {
                if (routine != null) {
                    problems.add(label + ": @Routine on a " + (isObjectMethod(method) ? "method of Object" : "static method")
                            + "; only abstract interface methods can be routines");
                }
            } else if (method.isDefault()) {
                if (routine != null) {
                    problems.add(label + ": @Routine on a default method; a default method runs locally,"
                            + " so remove @Routine or the body");
                } else {
                    MethodHandle body = defaultBody(method);
                    if (body != null) {
                        defaultMethods.put(method, body);
                    }
                }
            } else if (routine == null) {
                problems.add(label + ": no @Routine; every abstract method must name the routine it calls");
            } else {
                MethodPlan plan = planMethod(label, method, routine.value(), problems);
                if (plan != null) {
                    routines.add(plan);
                }
            }
        }
        if (problems.isEmpty() && routines.isEmpty()) {
            problems.add(type.getSimpleName() + " declares no @Routine method");
        }
        findDuplicates(routines, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRoutineInterfaceException(type, problems);
        }
        routines.sort(Comparator.comparing(plan -> plan.routineName));
        return new InterfacePlan(type, routines, defaultMethods);
    }

    private static MethodPlan planMethod(String label, Method method, String routineName, List<String> problems) {
        int before = problems.size();
        String nameProblem = RoutineNames.problem(routineName);
        if (nameProblem != null) {
            problems.add(label + ": routine name '" + printable(routineName) + "' is invalid: " + nameProblem);
        }
        Class<?> returnType = method.getReturnType();
        boolean returnsStatus = returnType == int.class;
        if (!returnsStatus && returnType != void.class) {
            problems.add(label + ": returns " + returnType.getSimpleName() + "; a routine method returns int"
                    + " (the service status, as is) or void (a status other than success thrown as RoutineFailedException)");
        }
        SuccessStatuses success = method.getAnnotation(SuccessStatuses.class);
        if (success != null && returnsStatus) {
            problems.add(label + ": @SuccessStatuses on a method returning int, which returns every status as is;"
                    + " declare it void or drop @SuccessStatuses");
        } else if (success != null && success.value().length == 0) {
            problems.add(label + ": @SuccessStatuses lists no status; give at least one (usually 0)");
        }
        if (!declaresServiceCallException(method)) {
            problems.add(label + ": does not declare 'throws ServiceCallException'; transport failures are checked"
                    + " exceptions a caller must handle");
        }
        Class<?>[] types = method.getParameterTypes();
        if (types.length > ParameterMasks.MAX_PARAMETERS) {
            problems.add(label + ": " + types.length + " parameters, more than a routine may have ("
                    + ParameterMasks.MAX_PARAMETERS + ")");
        }
        java.lang.annotation.Annotation[][] annotations = method.getParameterAnnotations();
        ParameterPlan[] parameters = new ParameterPlan[types.length];
        for (int i = 0; i < types.length; i++) {
            parameters[i] = ParameterRules.plan(label, i, types[i], annotations[i], problems);
        }
        if (problems.size() != before) {
            return null;
        }
        int[] successStatuses = success == null ? new int[] {0} : success.value();
        return new MethodPlan(method, routineName, label, parameters, returnsStatus, successStatuses);
    }

    /**
     * The body of a default method, callable on a proxy. Through a private lookup in the declaring
     * interface, so that it works for interfaces that are not public (Proxy's own
     * {@code invokeDefault} demands access from the caller); {@code null} when the interface's
     * package is not open to this library.
     */
    private static MethodHandle defaultBody(Method method) {
        Class<?> declaring = method.getDeclaringClass();
        try {
            MethodHandle body = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup()).unreflectSpecial(method, declaring);
            int count = method.getParameterCount();
            return body.asType(MethodType.genericMethodType(count + 1)).asSpreader(Object[].class, count);
        } catch (IllegalAccessException | RuntimeException notOpen) {
            return null;
        }
    }

    private static void findDuplicates(List<MethodPlan> routines, List<String> problems) {
        Map<String, MethodPlan> byName = new HashMap<>();
        for (MethodPlan plan : routines) {
            MethodPlan first = byName.putIfAbsent(plan.routineName, plan);
            if (first != null) {
                problems.add(first.label + " and " + plan.label + ": both call routine '" + plan.routineName
                        + "'; one method per routine");
            }
        }
    }

    private static boolean declaresServiceCallException(Method method) {
        for (Class<?> thrown : method.getExceptionTypes()) {
            if (thrown.isAssignableFrom(ServiceCallException.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isObjectMethod(Method method) {
        try {
            return Modifier.isPublic(Object.class.getMethod(method.getName(), method.getParameterTypes()).getModifiers());
        } catch (NoSuchMethodException notObjects) {
            return false;
        }
    }

    /** {@code Calculator.plus}, with the parameter types when the name is overloaded. */
    private static String label(Class<?> type, Method method) {
        String label = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        int sameName = 0;
        for (Method other : type.getMethods()) {
            if (other.getName().equals(method.getName())) {
                sameName++;
            }
        }
        if (sameName < 2) {
            return label;
        }
        StringJoiner types = new StringJoiner(", ", "(", ")");
        for (Class<?> parameter : method.getParameterTypes()) {
            types.add(parameter.getSimpleName());
        }
        return label + types;
    }

    /** Methods in a stable order, so that messages and registrations do not depend on reflection's. */
    private static List<Method> sorted(Method[] methods) {
        List<Method> list = new ArrayList<>(Arrays.asList(methods));
        Collections.sort(list, Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        return list;
    }

    private static String printable(String name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.length() && i < 80; i++) {
            char c = name.charAt(i);
            text.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return name.length() > 80 ? text + "..." : text.toString();
    }
}

package dev.servicecall.typed;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.ServiceCaller;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Dispatches a proxy's methods: routine methods to their precomputed {@link MethodPlan}, default
 * methods to their own body, and {@code equals/hashCode/toString} to identity semantics.
 * Immutable and thread-safe.
 */
final class ProxyHandler implements InvocationHandler {
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final InterfacePlan plan;
    private final Map<Method, MethodPlan> routines;
    private final ServiceCaller caller;
    private final CallOptions options;

    ProxyHandler(InterfacePlan plan, ServiceCaller caller, CallOptions options) {
        this.plan = plan;
        this.routines = plan.byMethod();
        this.caller = caller;
        this.options = options;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        MethodPlan routine = routines.get(method);
        if (routine != null) {
            return routine.call(caller, options, arguments);
        }
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, arguments);
        }
        if (method.isDefault()) {
            MethodHandle body = plan.defaultMethods.get(method);
            if (body == null) {
                return InvocationHandler.invokeDefault(proxy, method, arguments);
            }
            Object[] spread = arguments == null ? NO_ARGUMENTS : arguments;
            return (Object) body.invokeExact(proxy, spread);
        }
        throw new IllegalStateException(method + " was not planned for " + plan.type.getName());
    }

    private Object objectMethod(Object proxy, Method method, Object[] arguments) {
        switch (method.getName()) {
            case "equals":
                return proxy == arguments[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return toString();
            default:
                throw new IllegalStateException(method + " is not dispatched by a Proxy");
        }
    }

    /** e.g. {@code Calculator proxy calling through <caller>, no deadline}. */
    @Override
    public String toString() {
        return plan.type.getSimpleName() + " proxy calling through " + caller + ", " + options;
    }
}

package dev.servicecall.typed;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCaller;
import dev.servicecall.api.Signature;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Everything decided about one routine method when its interface is checked: the routine name,
 * the signature, one plan per parameter and what the service status becomes. Immutable and
 * thread-safe; {@link #call} does only argument packing and the call itself.
 */
final class MethodPlan {
    private static final Object[] NO_ARGUMENTS = new Object[0];

    final Method method;
    final String routineName;
    final String label;
    final ParameterPlan[] parameters;
    final Signature signature;
    final boolean returnsStatus;
    private final int[] successStatuses;
    private final boolean updatesArguments;

    MethodPlan(Method method, String routineName, String label, ParameterPlan[] parameters,
            boolean returnsStatus, int[] successStatuses) {
        this.method = method;
        this.routineName = routineName;
        this.label = label;
        this.parameters = parameters;
        this.returnsStatus = returnsStatus;
        this.successStatuses = successStatuses.clone();
        Arrays.sort(this.successStatuses);
        ParameterMask[] masks = new ParameterMask[parameters.length];
        boolean updates = false;
        for (int i = 0; i < parameters.length; i++) {
            masks[i] = parameters[i].mask;
            updates |= parameters[i].updatesArgument();
        }
        this.signature = Signature.of(masks);
        this.updatesArguments = updates;
    }

    /**
     * Client: calls the routine with {@code arguments} (null for none, as a proxy passes them).
     *
     * @return the service status (boxed) for an {@code int} method, {@code null} for {@code void}
     * @throws RoutineFailedException for a {@code void} method whose routine answered a status
     *     that is not success
     * @throws ServiceCallException with the transport status
     */
    Object call(ServiceCaller caller, CallOptions options, Object[] arguments) throws ServiceCallException {
        Object[] args = arguments == null ? NO_ARGUMENTS : arguments;
        int count = parameters.length;
        Parameter[] wire = new Parameter[count];
        byte[][] scratch = updatesArguments ? new byte[count][] : null;
        for (int i = 0; i < count; i++) {
            wire[i] = parameters[i].pack(args[i], scratch);
        }
        int status = caller.call(routineName, options, wire);
        if (updatesArguments) {
            for (int i = 0; i < count; i++) {
                if (parameters[i].updatesArgument()) {
                    parameters[i].unpack(args[i], scratch);
                }
            }
        }
        if (returnsStatus) {
            return status;
        }
        if (Arrays.binarySearch(successStatuses, status) < 0) {
            throw new RoutineFailedException(routineName, label, status);
        }
        return null;
    }

    @Override
    public String toString() {
        return label + " -> " + routineName + signature;
    }
}

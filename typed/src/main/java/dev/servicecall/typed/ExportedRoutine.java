package dev.servicecall.typed;

import dev.servicecall.api.RoutineCall;
import dev.servicecall.spi.NtStatus;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.UndeclaredThrowableException;

/**
 * The raw routine registered for one method of an exported implementation: unpacks the call into
 * Java arguments, invokes the implementation through a precomputed {@link MethodHandle}, writes
 * buffers and holders back, and answers the service status. Immutable; runs concurrently with
 * itself as the transport calls it.
 */
final class ExportedRoutine implements dev.servicecall.api.Routine {
    private final MethodPlan plan;
    /** {@code (Object[])Object}: the implementation's method, spread and bound to the implementation. */
    private final MethodHandle invoker;

    ExportedRoutine(MethodPlan plan, MethodHandle invoker) {
        this.plan = plan;
        this.invoker = invoker;
    }

    @Override
    public int run(RoutineCall call) throws Exception {
        ParameterPlan[] parameters = plan.parameters;
        Object[] arguments = new Object[parameters.length];
        try {
            for (int i = 0; i < parameters.length; i++) {
                arguments[i] = parameters[i].receive(call);
            }
        } catch (UnmappableParameterException unmappable) {
            return NtStatus.INVALID_PARAMETER;
        }
        int status;
        try {
            Object result = (Object) invoker.invokeExact(arguments);
            status = plan.returnsStatus ? (Integer) result : NtStatus.SUCCESS;
        } catch (RoutineFailedException answered) {
            status = answered.status();
        } catch (Exception | Error thrown) {
            throw thrown;
        } catch (Throwable other) {
            throw new UndeclaredThrowableException(other);
        }
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].givesBack()) {
                parameters[i].giveBack(call, arguments[i]);
            }
        }
        return status;
    }

    @Override
    public String toString() {
        return "export of " + plan;
    }
}

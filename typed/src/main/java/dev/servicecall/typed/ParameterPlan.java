package dev.servicecall.typed;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;

/**
 * How one parameter of a routine method travels: its mask, how a proxy packs the Java argument
 * into a {@link Parameter} and takes results back, and how an export unpacks a
 * {@link RoutineCall} into the Java argument and writes results back. Immutable; decided once
 * per interface.
 */
abstract class ParameterPlan {
    final int index;
    final ParameterMask mask;

    ParameterPlan(int index, ParameterMask mask) {
        this.index = index;
        this.mask = mask;
    }

    /**
     * Client: the wire parameter for {@code argument}. A plan that {@link #updatesArgument()} may
     * keep per-call bytes in {@code scratch[index]} for {@link #unpack}; {@code scratch} is
     * {@code null} when no parameter of the method updates its argument.
     */
    abstract Parameter pack(Object argument, byte[][] scratch);

    /** Client: whether {@link #unpack} has anything to do. */
    boolean updatesArgument() {
        return false;
    }

    /** Client, after the call returned a service status: results into {@code argument}. */
    void unpack(Object argument, byte[][] scratch) {
    }

    /**
     * Service: the Java argument for this call.
     *
     * @throws UnmappableParameterException when the caller's buffer cannot hold the Java type
     */
    abstract Object receive(RoutineCall call) throws UnmappableParameterException;

    /** Service: whether {@link #giveBack} has anything to do. */
    boolean givesBack() {
        return false;
    }

    /** Service, after the implementation returned: what it left in {@code argument} into the call's buffer. */
    void giveBack(RoutineCall call, Object argument) {
    }
}

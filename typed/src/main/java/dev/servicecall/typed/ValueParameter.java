package dev.servicecall.typed;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;

/** A {@code byte/short/int/long} sent by value with a by-value mask no wider than the Java type. */
final class ValueParameter extends ParameterPlan {
    private final ValueType type;

    ValueParameter(int index, ParameterMask mask, ValueType type) {
        super(index, mask);
        this.type = type;
    }

    @Override
    Parameter pack(Object argument, byte[][] scratch) {
        return Parameter.value(mask, ValueType.toWire(argument));
    }

    @Override
    Object receive(RoutineCall call) {
        return type.fromWire(call.value(index));
    }
}

package dev.servicecall.api;

import dev.servicecall.spi.Invocation;
import dev.servicecall.spi.RoutineHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Presents a transport's {@link Invocation} to an application {@link Routine} as a
 * {@link RoutineCall}, with the caller's identity as {@link ClientId#current()} while it runs.
 */
final class RoutineCallAdapter implements RoutineHandler {
    private final Routine routine;

    RoutineCallAdapter(Routine routine) {
        this.routine = routine;
    }

    @Override
    public int invoke(Invocation invocation) throws Exception {
        Call call = new Call(invocation);
        return ClientId.runAs(call.client, routine, call);
    }

    private static final class Call implements RoutineCall {
        private final Invocation invocation;
        private final ClientId client;
        private final ByteBuffer[] views;

        Call(Invocation invocation) {
            this.invocation = invocation;
            this.client = ClientId.of(invocation.caller().pid(), invocation.caller().uid());
            this.views = new ByteBuffer[invocation.parameterCount()];
        }

        @Override
        public String routineName() {
            return invocation.routineName();
        }

        @Override
        public int parameterCount() {
            return invocation.parameterCount();
        }

        @Override
        public ParameterMask mask(int index) {
            return ParameterMask.raw(invocation.mask(index));
        }

        @Override
        public long value(int index) {
            return invocation.value(index);
        }

        @Override
        public ByteBuffer buffer(int index) {
            ByteBuffer view = views[index];
            if (view == null) {
                ByteBuffer own = invocation.buffer(index);
                if (own == null) {
                    return null;
                }
                view = own.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                views[index] = view;
            }
            return view;
        }

        @Override
        public ClientId client() {
            return client;
        }

        @Override
        public String toString() {
            return "call of " + invocation.routineName() + " by " + client;
        }
    }
}

package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.CallerIdentity;
import dev.servicecall.spi.Invocation;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.TransportUnderTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Deliberately broken transports for the kit's self-test: each wraps the in-memory transport and
 * breaks exactly one rule of the contract.
 */
final class BrokenTransports {
    private BrokenTransports() {
    }

    /**
     * A {@link TransportUnderTest} whose provider opens in-memory transports wrapped by
     * {@code breaker}; "promptly" is shortened to 1 s so that rules a broken transport hangs in
     * fail fast.
     */
    static TransportUnderTest broken(String name, UnaryOperator<Transport> breaker) {
        return new TransportUnderTest() {
            @Override
            public TransportProvider provider() {
                return new BrokenProvider(name, breaker);
            }

            @Override
            public Duration promptly() {
                return Duration.ofSeconds(1);
            }
        };
    }

    /** Does not copy results back: the routine works on copies the transport then drops. */
    static Transport skipsWriteBack(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public int call(CallRequest request) throws StatusException {
                return super.call(withBuffers(request, copies(request)));
            }
        };
    }

    /** Reports UNSUCCESSFUL instead of INVALID_PARAMETER_1 for a name nobody registered. */
    static Transport wrongStatusForUnknownName(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public int call(CallRequest request) throws StatusException {
                try {
                    return super.call(request);
                } catch (StatusException e) {
                    if (e.status() == NtStatus.INVALID_PARAMETER_1) {
                        throw new StatusException(NtStatus.UNSUCCESSFUL, "no such routine (wrongly reported)");
                    }
                    throw e;
                }
            }
        };
    }

    private static final Map<String, CallRequest> CALLS_BY_NAME = new ConcurrentHashMap<>();

    /** Hands the routine the caller's own memory instead of a copy. */
    static Transport aliasesCallerBuffer(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException {
                return super.register(name, signature, invocation -> handler.invoke(new ForwardingInvocation(invocation) {
                    @Override
                    public ByteBuffer buffer(int index) {
                        CallRequest caller = CALLS_BY_NAME.get(invocation.routineName());
                        return caller == null ? super.buffer(index) : caller.buffer(index);
                    }
                }));
            }

            @Override
            public int call(CallRequest request) throws StatusException {
                CALLS_BY_NAME.put(request.name(), request);
                return super.call(request);
            }
        };
    }

    /** Turns a routine's exception into a normal return of UNHANDLED_EXCEPTION, so its buffers are written back. */
    static Transport writesBackAfterThrow(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException {
                return super.register(name, signature, invocation -> {
                    try {
                        return handler.invoke(invocation);
                    } catch (Exception e) {
                        return NtStatus.UNHANDLED_EXCEPTION;
                    }
                });
            }
        };
    }

    /** Ignores the caller's deadline. */
    static Transport ignoresDeadline(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public int call(CallRequest request) throws StatusException {
                byte[] signature = request.signature();
                long[] values = new long[signature.length];
                ByteBuffer[] buffers = new ByteBuffer[signature.length];
                for (int i = 0; i < signature.length; i++) {
                    values[i] = request.value(i);
                    buffers[i] = request.buffer(i);
                }
                return super.call(new CallRequest(request.name(), signature, values, buffers, 0));
            }
        };
    }

    /** Writes the results back in reverse parameter order (the first parameter wins overlaps). */
    static Transport writesBackInReverseOrder(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public int call(CallRequest request) throws StatusException {
                ByteBuffer[] copies = copies(request);
                int status = super.call(withBuffers(request, copies));
                for (int i = copies.length - 1; i >= 0; i--) {
                    if (copies[i] != null) {
                        request.writeBack(i, copies[i]);
                    }
                }
                return status;
            }
        };
    }

    /** Tells routines that the caller is another process than it is. */
    static Transport reportsWrongCaller(Transport healthy) {
        return new Forwarding(healthy) {
            @Override
            public Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException {
                return super.register(name, signature, invocation -> handler.invoke(new ForwardingInvocation(invocation) {
                    @Override
                    public CallerIdentity caller() {
                        return new CallerIdentity(invocation.caller().pid() + 1, invocation.caller().uid());
                    }
                }));
            }
        };
    }

    private static ByteBuffer[] copies(CallRequest request) {
        ByteBuffer[] copies = new ByteBuffer[request.parameterCount()];
        for (int i = 0; i < copies.length; i++) {
            ByteBuffer theirs = request.buffer(i);
            if (theirs != null) {
                copies[i] = ByteBuffer.allocate(theirs.capacity()).put(theirs.duplicate().clear()).clear();
            }
        }
        return copies;
    }

    private static CallRequest withBuffers(CallRequest request, ByteBuffer[] buffers) {
        long[] values = new long[request.parameterCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = request.value(i);
        }
        return new CallRequest(request.name(), request.signature(), values, buffers, request.timeoutNanos());
    }

    private static final class BrokenProvider implements TransportProvider {
        private final String name;
        private final UnaryOperator<Transport> breaker;

        BrokenProvider(String name, UnaryOperator<Transport> breaker) {
            this.name = name;
            this.breaker = breaker;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return -1;
        }

        @Override
        public Availability availability() {
            return Availability.available();
        }

        @Override
        public Transport open(TransportConfig config) {
            return breaker.apply(new InMemoryTransportProvider().open(config));
        }
    }

    /** Forwards everything to a healthy transport. */
    private static class Forwarding implements Transport {
        private final Transport healthy;

        Forwarding(Transport healthy) {
            this.healthy = healthy;
        }

        @Override
        public void initializeService() throws StatusException {
            healthy.initializeService();
        }

        @Override
        public Registration register(String name, byte[] signature, RoutineHandler handler) throws StatusException {
            return healthy.register(name, signature, handler);
        }

        @Override
        public void unregister(Registration registration) throws StatusException {
            healthy.unregister(registration);
        }

        @Override
        public int call(CallRequest request) throws StatusException {
            return healthy.call(request);
        }

        @Override
        public void close() {
            healthy.close();
        }
    }

    /** Forwards everything to the transport's own invocation. */
    private static class ForwardingInvocation implements Invocation {
        private final Invocation own;

        ForwardingInvocation(Invocation own) {
            this.own = own;
        }

        @Override
        public String routineName() {
            return own.routineName();
        }

        @Override
        public int parameterCount() {
            return own.parameterCount();
        }

        @Override
        public int mask(int index) {
            return own.mask(index);
        }

        @Override
        public long value(int index) {
            return own.value(index);
        }

        @Override
        public ByteBuffer buffer(int index) {
            return own.buffer(index);
        }

        @Override
        public CallerIdentity caller() {
            return own.caller();
        }
    }
}

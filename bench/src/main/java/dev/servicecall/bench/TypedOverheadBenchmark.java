package dev.servicecall.bench;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.pointer;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.CallRequest;
import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.Out;
import dev.servicecall.typed.Routine;
import dev.servicecall.typed.TypedServiceCall;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the typed layer costs per call over the raw API, with the transport taken out of the
 * picture: both go through the real application layer to a transport that answers at once on the
 * caller's thread, so the difference is the proxy's dispatch and packing.
 *
 * <p>Run: {@code java -cp bench/target/classes:$(cat bench/target/bench.classpath)
 * org.openjdk.jmh.Main TypedOverheadBenchmark -prof gc} (after {@code ./bench.sh} built it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TypedOverheadBenchmark {

    /** The demo's addition, typed. */
    public interface Calculator {
        /** {@code (DWORD, DWORD, POINTER)}. */
        @Routine("ServerPlusInt")
        int plus(int a, int b, @Out IntRef sum) throws ServiceCallException;
    }

    private ServiceCallSession session;
    private Calculator calculator;
    private final IntRef sum = new IntRef();
    private final byte[] out = new byte[4];
    private int a = 1;

    @Setup
    public void open() throws ServiceCallException {
        session = ServiceCall.open(new AnsweringProvider(), TransportConfig.empty());
        calculator = TypedServiceCall.proxy(session, Calculator.class);
    }

    @TearDown
    public void close() {
        session.close();
    }

    /** The raw API, packing included: three {@code Parameter}s and the varargs array per call. */
    @Benchmark
    public int raw() throws ServiceCallException {
        return session.call("ServerPlusInt", dword(a++), dword(2), pointer(out));
    }

    /** The same call through a typed proxy. */
    @Benchmark
    public int typed() throws ServiceCallException {
        return calculator.plus(a++, 2, sum) + sum.get();
    }

    /** Answers every call on the caller's thread: the sum of the first two values into the pointer. */
    static final class AnsweringProvider implements TransportProvider {
        @Override
        public String name() {
            return "answering";
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
            return new Transport() {
                @Override
                public void initializeService() {
                }

                @Override
                public Registration register(String name, byte[] signature, RoutineHandler handler) {
                    throw new UnsupportedOperationException("client only");
                }

                @Override
                public void unregister(Registration registration) {
                }

                @Override
                public int call(CallRequest request) {
                    request.buffer(2).putInt(0, (int) (request.value(0) + request.value(1)));
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}

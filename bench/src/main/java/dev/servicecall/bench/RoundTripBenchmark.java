package dev.servicecall.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The three round trips every row is measured on. Modes, threads, iterations and the row itself
 * ({@link RowTarget}, from system properties) are chosen by {@link BenchMain}; run the benchmarks
 * through it, not on their own.
 *
 * <p>Each thread's client is checked once before measuring (right status, the service's changes
 * written back), so a broken row fails loudly instead of measuring nothing.
 */
public class RoundTripBenchmark {

    /** The row's client side, shared by the benchmark threads. */
    @State(Scope.Benchmark)
    public static class Connection {
        RowConnector connector;
        RowTarget target;

        /** Connects to the row named by the fork's system properties. */
        @Setup(Level.Trial)
        public void connect() throws Exception {
            target = RowTarget.fromSystemProperties();
            connector = RowConnector.open(target);
        }

        /** Closes the row's connections (and its service, when it runs in this process). */
        @TearDown(Level.Trial)
        public void close() {
            if (connector != null) {
                connector.close();
            }
        }
    }

    /** One benchmark thread: its client and its own buffers. */
    @State(Scope.Thread)
    public static class Caller {
        BenchClient client;
        byte[] small;
        byte[] large;

        /** Opens this thread's client and checks both operations once. */
        @Setup(Level.Trial)
        public void open(Connection row) throws Exception {
            client = row.connector.newClient();
            SplittableRandom random = new SplittableRandom(0x5EED);
            small = new byte[BenchRoutines.SMALL_BUFFER];
            large = new byte[BenchRoutines.LARGE_BUFFER];
            fill(random, small);
            fill(random, large);
            int status = client.nullCall();
            if (status != BenchRoutines.NULL_EXPECTED) {
                throw new IllegalStateException(row.target + ": null call answered " + status + ", expected "
                        + BenchRoutines.NULL_EXPECTED);
            }
            check(row.target, small);
            check(row.target, large);
        }

        private void check(RowTarget target, byte[] data) throws Exception {
            byte[] sent = Arrays.copyOf(data, data.length);
            byte[] echoed = client.echo(data);
            EchoTransform.verify(target.kind() + " " + target.transport() + " echo of " + data.length + " bytes",
                    sent, echoed);
        }

        private static void fill(SplittableRandom random, byte[] data) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) random.nextInt(256);
            }
        }

        /** Closes this thread's client. */
        @TearDown(Level.Trial)
        public void close() throws Exception {
            if (client != null) {
                client.close();
            }
        }
    }

    /** Two DWORDs in, the status out. */
    @Benchmark
    public int nullCall(Caller caller) throws Exception {
        return caller.client.nullCall();
    }

    /** A 4 KiB buffer to the service and back, changed. */
    @Benchmark
    public byte[] echo4KiB(Caller caller) throws Exception {
        return caller.client.echo(caller.small);
    }

    /** A 1 MiB buffer to the service and back, changed. */
    @Benchmark
    public byte[] echo1MiB(Caller caller) throws Exception {
        return caller.client.echo(caller.large);
    }
}

package dev.servicecall.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command writes (results to {@link #out()}, problems and hints to {@link #err()}) and
 * how a long-running command learns that it must stop. Immutable.
 */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final StopSignal stop;

    Console(PrintStream out, PrintStream err, StopSignal stop) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    StopSignal stop() {
        return stop;
    }
}

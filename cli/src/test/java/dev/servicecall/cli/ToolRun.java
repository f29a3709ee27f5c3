package dev.servicecall.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** Runs the tool in this JVM with captured standard output and error. */
final class ToolRun {
    final int exitCode;
    final String out;
    final String err;

    private ToolRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /** A stop signal a test releases; {@code serve} run through it stops when the latch opens. */
    static final class TestStop implements StopSignal {
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch cleanedUp = new CountDownLatch(1);

        @Override
        public void awaitStop() throws InterruptedException {
            stop.await();
        }

        @Override
        public void cleanedUp() {
            cleanedUp.countDown();
        }
    }

    static ToolRun run(String... args) {
        return run(new TestStop(), args);
    }

    static ToolRun run(StopSignal stop, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new ServiceCallTool(new Console(o, e, stop)).run(args);
        }
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}

package dev.servicecall.cli;

/**
 * The entry point of the {@code servicecall} tool (the runnable jar's Main-Class). Run
 * {@code servicecall --help} for the commands; exit codes: 0 done, 1 failed, 2 usage error.
 */
public final class Main {
    private Main() {
    }

    /** Runs the tool with standard output and error, then exits with its exit code. */
    public static void main(String[] args) {
        ShutdownStopSignal stop = new ShutdownStopSignal();
        int code = new ServiceCallTool(new Console(System.out, System.err, stop)).run(args);
        stop.cleanedUp();
        System.exit(code);
    }
}

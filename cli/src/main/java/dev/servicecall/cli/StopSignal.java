package dev.servicecall.cli;

/**
 * Tells a long-running command ({@code serve}) when to stop: in the real tool on Ctrl-C or SIGTERM
 * ({@link ShutdownStopSignal}), in tests when the test says so. Thread-safe.
 */
interface StopSignal {
    /** Blocks until the command must stop. */
    void awaitStop() throws InterruptedException;

    /** The command has released what it held (unregistered its routines); the process may end. Idempotent. */
    void cleanedUp();
}

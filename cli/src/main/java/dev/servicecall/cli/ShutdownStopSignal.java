package dev.servicecall.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The stop signal of the real tool: a JVM shutdown hook (run on Ctrl-C / SIGINT, SIGTERM, or
 * {@code System.exit}) releases {@link #awaitStop()}, then holds the JVM up to
 * {@link #CLEANUP_LIMIT_SECONDS} seconds until the command reports {@link #cleanedUp()}, so that
 * {@code serve} unregisters its routines (and frees their names) before the process ends.
 * Thread-safe.
 */
final class ShutdownStopSignal implements StopSignal {
    static final int CLEANUP_LIMIT_SECONDS = 10;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "servicecall-shutdown");
    private boolean installed;

    private void onShutdown() {
        stop.countDown();
        try {
            done.await(CLEANUP_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void awaitStop() throws InterruptedException {
        synchronized (this) {
            if (!installed) {
                Runtime.getRuntime().addShutdownHook(hook);
                installed = true;
            }
        }
        stop.await();
    }

    @Override
    public void cleanedUp() {
        done.countDown();
    }
}

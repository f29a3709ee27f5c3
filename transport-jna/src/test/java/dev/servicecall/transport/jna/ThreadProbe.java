package dev.servicecall.transport.jna;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Waits, without sleeping blindly, until a thread is inside a given native method. */
public final class ThreadProbe {
    private ThreadProbe() {
    }

    /**
     * Returns once {@code thread}'s innermost frame is {@code methodName} (a native call it
     * blocks in), or fails after {@code timeout}.
     */
    public static void awaitInside(AtomicReference<Thread> thread, String methodName, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Thread t = thread.get();
            if (t != null) {
                StackTraceElement[] stack = t.getStackTrace();
                if (stack.length > 0 && stack[0].getMethodName().equals(methodName)) {
                    return;
                }
            }
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        throw new AssertionError("the thread did not block in " + methodName + " within " + timeout);
    }
}

package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.NtStatus;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Transport failures chosen by a test: the next calls of a name, or all of them, end with a given
 * status instead of reaching the routine. Thread-safe.
 */
final class FaultPlan {
    private final Map<String, Queue<Integer>> once = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();

    void failNext(String name, int status) {
        requireFailure(status);
        once.computeIfAbsent(name, key -> new ConcurrentLinkedQueue<>()).add(status);
    }

    void failAlways(String name, int status) {
        requireFailure(status);
        always.put(name, status);
    }

    void clear(String name) {
        once.remove(name);
        always.remove(name);
    }

    /** The status the current call of {@code name} must fail with, or SUCCESS to proceed. */
    int take(String name) {
        if (once.isEmpty() && always.isEmpty()) {
            return NtStatus.SUCCESS;
        }
        Queue<Integer> queued = once.get(name);
        Integer next = queued == null ? null : queued.poll();
        if (next != null) {
            return next;
        }
        return always.getOrDefault(name, NtStatus.SUCCESS);
    }

    private static void requireFailure(int status) {
        if (status == NtStatus.SUCCESS) {
            throw new IllegalArgumentException("a fault needs a failure status, not SUCCESS");
        }
    }
}

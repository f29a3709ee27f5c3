package dev.servicecall.reliability;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.Routine;
import dev.servicecall.api.Signature;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The routine of the unregister-under-load test, registered again and again under one name.
 * {@code (QWORD tag, POINTER marker[24])}: takes a sequence number, stays in the routine for 50 to
 * 500 µs (so that calls are in flight when it is unregistered), then, as its last act, reads the
 * generation (the number of unregisters that have <em>returned</em>) and writes the marker
 * {@code tag, sequence, registration, generation} (little-endian); returns {@link #STATUS}.
 *
 * <p>A marker whose generation is above its registration was written after that registration's
 * unregister had returned; the transport must discard such a result, so no caller may ever see one.
 * Thread-safe.
 */
final class ChurnRoutine {
    static final Signature SIGNATURE = Signature.of(ParameterMask.QWORD, ParameterMask.POINTER);
    static final int MARKER_SIZE = 24;
    static final int STATUS = 0x5EED;

    private volatile int generation;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong lateReturns = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** The routine for registration number {@code registration} (0, 1, ...). */
    Routine forRegistration(int registration) {
        return call -> {
            entries.incrementAndGet();
            inFlight.incrementAndGet();
            try {
                long seq = sequence.incrementAndGet();
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 500_000));
                int seen = generation;
                ByteBuffer marker = call.buffer(1);
                marker.putLong(0, call.qword(0));
                marker.putLong(8, seq);
                marker.putInt(16, registration);
                marker.putInt(20, seen);
                if (seen > registration) {
                    lateReturns.incrementAndGet();
                }
                return STATUS;
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    /** Records that the unregister of registration {@code registration} has returned. */
    void unregistered(int registration) {
        generation = registration + 1;
    }

    long entries() {
        return entries.get();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Routines that wrote their marker after their own unregister had returned (results to discard). */
    long lateReturns() {
        return lateReturns.get();
    }
}

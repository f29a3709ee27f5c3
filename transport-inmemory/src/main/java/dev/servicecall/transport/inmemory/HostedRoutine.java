package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.Registration;
import dev.servicecall.spi.RoutineHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registered routine and the calls in flight to it. Thread-safe.
 */
final class HostedRoutine implements Registration {
    private final String name;
    private final byte[] signature;
    private final RoutineHandler handler;
    private final InMemoryTransport owner;
    private final Set<InFlightCall> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean withdrawn;

    HostedRoutine(String name, byte[] signature, RoutineHandler handler, InMemoryTransport owner) {
        this.name = name;
        this.signature = signature;
        this.handler = handler;
        this.owner = owner;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] signature() {
        return signature;
    }

    RoutineHandler handler() {
        return handler;
    }

    InMemoryTransport owner() {
        return owner;
    }

    /** Tracks a call; false when the routine was withdrawn meanwhile (the call must not run). */
    boolean admit(InFlightCall call) {
        inFlight.add(call);
        if (withdrawn) {
            inFlight.remove(call);
            return false;
        }
        return true;
    }

    void finished(InFlightCall call) {
        inFlight.remove(call);
    }

    /** Marks the routine withdrawn and abandons every call in flight: their callers get UNSUCCESSFUL now. */
    void withdraw() {
        withdrawn = true;
        for (InFlightCall call : inFlight) {
            call.abandon("routine '" + name + "' was unregistered during the call");
        }
        inFlight.clear();
    }
}

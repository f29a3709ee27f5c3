package dev.servicecall.transport.inmemory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The names registered in one in-memory name space. Transports opened on the same name space see
 * each other's routines, as processes of one user do with a native transport. Thread-safe.
 */
final class InMemoryNamespace {
    private static final ConcurrentMap<String, InMemoryNamespace> SHARED = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, HostedRoutine> routines = new ConcurrentHashMap<>();
    private final FaultPlan faults = new FaultPlan();

    /** The JVM-wide name space called {@code name}. */
    static InMemoryNamespace shared(String name) {
        return SHARED.computeIfAbsent(name, key -> new InMemoryNamespace());
    }

    /** A private name space nobody else sees. */
    static InMemoryNamespace isolated() {
        return new InMemoryNamespace();
    }

    /** Publishes {@code routine}; false when the name is taken. */
    boolean publish(HostedRoutine routine) {
        return routines.putIfAbsent(routine.name(), routine) == null;
    }

    /** Withdraws exactly {@code routine}; false when it is not the one registered under its name. */
    boolean withdraw(HostedRoutine routine) {
        return routines.remove(routine.name(), routine);
    }

    HostedRoutine lookup(String name) {
        return routines.get(name);
    }

    FaultPlan faults() {
        return faults;
    }
}

package dev.servicecall.protocol.os;

import java.util.Objects;

/**
 * A name found in the name space by {@link OsBackend#listNames()}: the routine name and whether
 * its endpoint is known to be stale (left behind by a process that died without unregistering;
 * nobody answers on it, and the next registration of the name clears it). Immutable.
 */
public final class BoundName implements Comparable<BoundName> {
    private final String name;
    private final boolean stale;

    private BoundName(String name, boolean stale) {
        this.name = Objects.requireNonNull(name, "name");
        this.stale = stale;
    }

    /** A name a live process holds (or one the backend cannot prove stale). */
    public static BoundName live(String name) {
        return new BoundName(name, false);
    }

    /** A name whose endpoint was left by a dead process. */
    public static BoundName stale(String name) {
        return new BoundName(name, true);
    }

    /** The routine name. */
    public String name() {
        return name;
    }

    /** Whether the endpoint is known to be left by a dead process. */
    public boolean isStale() {
        return stale;
    }

    /** By name. */
    @Override
    public int compareTo(BoundName other) {
        return name.compareTo(other.name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoundName && ((BoundName) other).name.equals(name) && ((BoundName) other).stale == stale;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + (stale ? 1 : 0);
    }

    @Override
    public String toString() {
        return stale ? name + " (stale)" : name;
    }
}

package dev.servicecall.protocol.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * The versions one side of a connection speaks, {@code lowest..highest} inclusive. Immutable.
 */
public final class VersionRange {
    private final ProtocolVersion lowest;
    private final ProtocolVersion highest;

    private VersionRange(ProtocolVersion lowest, ProtocolVersion highest) {
        this.lowest = lowest;
        this.highest = highest;
    }

    /**
     * @throws IllegalArgumentException if {@code lowest} is above {@code highest}
     */
    public static VersionRange of(ProtocolVersion lowest, ProtocolVersion highest) {
        Objects.requireNonNull(lowest, "lowest");
        Objects.requireNonNull(highest, "highest");
        if (lowest.compareTo(highest) > 0) {
            throw new IllegalArgumentException("empty version range " + lowest + ".." + highest);
        }
        return new VersionRange(lowest, highest);
    }

    /** A range of one version. */
    public static VersionRange only(ProtocolVersion version) {
        return of(version, version);
    }

    /** The lowest version spoken. */
    public ProtocolVersion lowest() {
        return lowest;
    }

    /** The highest version spoken. */
    public ProtocolVersion highest() {
        return highest;
    }

    /** Whether {@code version} is in this range. */
    public boolean contains(ProtocolVersion version) {
        return lowest.compareTo(version) <= 0 && version.compareTo(highest) <= 0;
    }

    /** The highest version both ranges contain, if any: what a service accepts in HELLO_REPLY. */
    public Optional<ProtocolVersion> highestCommon(VersionRange other) {
        ProtocolVersion top = highest.compareTo(other.highest) <= 0 ? highest : other.highest;
        ProtocolVersion bottom = lowest.compareTo(other.lowest) >= 0 ? lowest : other.lowest;
        return top.compareTo(bottom) >= 0 ? Optional.of(top) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionRange && ((VersionRange) other).lowest.equals(lowest)
                && ((VersionRange) other).highest.equals(highest);
    }

    @Override
    public int hashCode() {
        return lowest.hashCode() * 65536 + highest.hashCode();
    }

    /** {@code 1.0} for a single version, else {@code 1.0..1.3}. */
    @Override
    public String toString() {
        return lowest.equals(highest) ? lowest.toString() : lowest + ".." + highest;
    }
}

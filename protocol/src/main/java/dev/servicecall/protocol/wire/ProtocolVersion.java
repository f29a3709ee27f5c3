package dev.servicecall.protocol.wire;

/**
 * A wire protocol version, {@code major.minor}, each 0..255 (one byte each in the frame header).
 * Ordered by major, then minor. Immutable.
 */
public final class ProtocolVersion implements Comparable<ProtocolVersion> {
    private final int major;
    private final int minor;

    private ProtocolVersion(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /**
     * @throws IllegalArgumentException if a part is outside 0..255
     */
    public static ProtocolVersion of(int major, int minor) {
        if (major < 0 || major > 0xFF || minor < 0 || minor > 0xFF) {
            throw new IllegalArgumentException("version parts are bytes: " + major + "." + minor);
        }
        return new ProtocolVersion(major, minor);
    }

    /** The major version: a change here means frames other than HELLO/HELLO_REPLY may differ in layout. */
    public int major() {
        return major;
    }

    /** The minor version: additions negotiated inside a major. */
    public int minor() {
        return minor;
    }

    @Override
    public int compareTo(ProtocolVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProtocolVersion && ((ProtocolVersion) other).major == major
                && ((ProtocolVersion) other).minor == minor;
    }

    @Override
    public int hashCode() {
        return major * 256 + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}

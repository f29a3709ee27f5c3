package dev.servicecall.transport.jna.linux;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A {@code struct sockaddr_un} for a path-named socket, laid out once and passed to bind and
 * connect as bytes. Immutable.
 *
 * <p>{@code sun_path} holds at most {@value LinuxConstants#SUN_PATH_CAPACITY} bytes including the
 * terminating NUL, so the path may have at most 107 bytes; longer paths are refused here, with a
 * message, rather than truncated by the kernel.
 */
final class UnixSocketAddress {
    private static final int FAMILY_SIZE = 2;

    private final Path path;
    private final byte[] bytes;
    private final int length;

    private UnixSocketAddress(Path path, byte[] bytes, int length) {
        this.path = path;
        this.bytes = bytes;
        this.length = length;
    }

    /** Why {@code path} cannot name a socket, or {@code null} when it can. */
    static String problem(Path path) {
        int size = NativePaths.bytes(path).length;
        if (size >= LinuxConstants.SUN_PATH_CAPACITY) {
            return "the socket path " + path + " has " + size + " bytes; AF_UNIX allows at most "
                    + (LinuxConstants.SUN_PATH_CAPACITY - 1) + " (choose a shorter servicecall.namespace)";
        }
        return null;
    }

    /**
     * The address of {@code path}.
     *
     * @throws IllegalArgumentException when {@link #problem(Path)} finds one
     */
    static UnixSocketAddress of(Path path) {
        String problem = problem(path);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        byte[] name = NativePaths.bytes(path);
        byte[] address = new byte[LinuxConstants.SOCKADDR_UN_SIZE];
        // sa_family_t is a native-endian unsigned short
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            address[0] = (byte) LinuxConstants.AF_UNIX;
        } else {
            address[1] = (byte) LinuxConstants.AF_UNIX;
        }
        System.arraycopy(name, 0, address, FAMILY_SIZE, name.length);
        return new UnixSocketAddress(path, address, FAMILY_SIZE + name.length + 1);
    }

    Path path() {
        return path;
    }

    /** The structure's bytes; not copied, do not modify. */
    byte[] bytes() {
        return bytes;
    }

    /** The length to pass as {@code socklen_t}: family, path and its NUL. */
    int length() {
        return length;
    }
}

package dev.servicecall.transport.jnr.linux;

import static dev.servicecall.transport.jnr.linux.LinuxConstants.MODE_DIRECTORY;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.PERMISSION_BITS;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.S_IFDIR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.S_IFMT;

import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.linux.NativeStructs.Statx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the names live on Linux: one directory only the OS user can enter, holding
 * {@code NAME.sock} (the listening socket, mode 0600) and {@code NAME.lock} (the exclusivity
 * lock) per registered name.
 *
 * <p>The directory is the configured one ({@code servicecall.namespace}) if any, else
 * {@code $XDG_RUNTIME_DIR/servicecall} when that variable names an absolute path to a private
 * directory, else {@code <java.io.tmpdir>/servicecall-<uid>}. A directory is private when it is a
 * real directory (not a symbolic link), owned by this user, with no permission for group or
 * others. These names are the JNA transport's too, so both transports meet in one name space.
 *
 * <p>The privacy check runs on every use (one statx): the directory may be removed by a cleaner
 * and recreated by someone else. Immutable and thread-safe.
 */
final class LinuxNamespace {
    /** Directory under {@code $XDG_RUNTIME_DIR}. */
    static final String XDG_SUBDIRECTORY = "servicecall";
    /** Prefix of the per-uid directory under the temporary directory. */
    static final String TMP_PREFIX = "servicecall-";
    static final String SOCKET_SUFFIX = ".sock";
    static final String LOCK_SUFFIX = ".lock";

    private final Path directory;

    LinuxNamespace(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /**
     * The directory for this user as described above.
     *
     * @param configured the {@code servicecall.namespace} setting, if any
     * @param xdgRuntimeDir the value of {@code XDG_RUNTIME_DIR}, or {@code null}
     * @param tmpDir the {@code java.io.tmpdir} property
     * @param uid this process's user id
     * @param isPrivateDirectory tells whether a path is a directory private to {@code uid}
     */
    static LinuxNamespace choose(Optional<Path> configured, String xdgRuntimeDir, String tmpDir, long uid,
            Predicate<Path> isPrivateDirectory) {
        if (configured.isPresent()) {
            return new LinuxNamespace(configured.get());
        }
        if (xdgRuntimeDir != null && !xdgRuntimeDir.isEmpty()) {
            Path runtimeDir = Path.of(xdgRuntimeDir);
            if (runtimeDir.isAbsolute() && isPrivateDirectory.test(runtimeDir)) {
                return new LinuxNamespace(runtimeDir.resolve(XDG_SUBDIRECTORY));
            }
        }
        return new LinuxNamespace(Path.of(tmpDir, TMP_PREFIX + uid));
    }

    /** Whether {@code path} is a directory private to this process's user, as the class comment says. */
    static boolean isPrivateDirectory(Posix posix, Path path) {
        try {
            Statx status = NativeStructs.direct(new Statx(posix.runtime()));
            return posix.stat(path, status) && privacyProblem(path, status, posix.uid()) == null;
        } catch (NativeCallException e) {
            return false;
        }
    }

    Path directory() {
        return directory;
    }

    Path socketFile(String name) {
        return directory.resolve(name + SOCKET_SUFFIX);
    }

    Path lockFile(String name) {
        return directory.resolve(name + LOCK_SUFFIX);
    }

    /**
     * Creates the directory with mode 0700 if it is missing (and its missing parents, with the
     * default mode), then checks that it is private.
     * Idempotent.
     *
     * @throws StatusException NO_MEMORY when it cannot be created or is not private
     */
    void prepare(Posix posix) throws StatusException {
        try {
            Path parent = directory.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent);
            }
            if (posix.mkdir(directory, MODE_DIRECTORY)) {
                // mkdir's mode passes through the umask; make it exactly 0700.
                posix.chmod(directory, MODE_DIRECTORY);
            }
            String problem = privacyProblem(posix);
            if (problem != null) {
                throw new StatusException(NtStatus.NO_MEMORY, problem);
            }
        } catch (IOException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot create the name space directory " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks, before a client trusts a socket in it (once per new connection), that the directory
     * is private.
     *
     * @return false when the directory does not exist (so nothing can be listening)
     * @throws StatusException UNSUCCESSFUL when it exists but is not private, or cannot be examined
     */
    boolean checkBeforeConnect(Posix posix) throws StatusException {
        try {
            Statx status = NativeStructs.direct(new Statx(posix.runtime()));
            if (!posix.stat(directory, status)) {
                return false;
            }
            String problem = privacyProblem(directory, status, posix.uid());
            if (problem != null) {
                throw new StatusException(NtStatus.UNSUCCESSFUL, "refusing to connect: " + problem);
            }
        } catch (NativeCallException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot examine the name space directory: "
                    + e.getMessage(), e);
        }
        return true;
    }

    private String privacyProblem(Posix posix) throws NativeCallException {
        Statx status = NativeStructs.direct(new Statx(posix.runtime()));
        if (!posix.stat(directory, status)) {
            return "the name space directory " + directory + " vanished";
        }
        return privacyProblem(directory, status, posix.uid());
    }

    /** Why {@code status} (of {@code directory}) is not private to {@code uid}, or {@code null}. */
    static String privacyProblem(Path directory, Statx status, long uid) {
        int mode = status.mode.get() & 0xffff;
        if ((mode & S_IFMT) != S_IFDIR) {
            return "the name space " + directory + " is not a directory (a symbolic link is refused too)";
        }
        if (status.uid.get() != uid) {
            return "the name space directory " + directory + " belongs to uid " + status.uid.get() + ", not to uid "
                    + uid;
        }
        if ((mode & PERMISSION_BITS & ~MODE_DIRECTORY) != 0) {
            return String.format("the name space directory %s has mode %04o; it must be private (0700)", directory,
                    mode & PERMISSION_BITS);
        }
        return null;
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}

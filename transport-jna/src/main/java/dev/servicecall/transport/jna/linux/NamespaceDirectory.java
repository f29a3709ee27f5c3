package dev.servicecall.transport.jna.linux;

import dev.servicecall.transport.jna.NativeCallException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory that holds the sockets and lock files of one OS user (SPEC section 6).
 *
 * <p>Choice, in order: the configured {@code servicecall.namespace}; else
 * {@code $XDG_RUNTIME_DIR/servicecall} when {@code XDG_RUNTIME_DIR} is an absolute path to a
 * directory (not a symbolic link) owned by this user with no group or other access; else
 * {@code <java.io.tmpdir>/servicecall-<uid>}.
 *
 * <p>Privacy rule, checked whenever the directory is used: it is a real directory (not a
 * symbolic link), owned by this process's user, and grants nothing to group or others. Only then
 * can no other user create, replace or reach a socket in it. Stateless and thread-safe.
 */
final class NamespaceDirectory {
    static final String XDG_SUBDIRECTORY = "servicecall";
    static final String TMP_PREFIX = "servicecall-";

    private NamespaceDirectory() {
    }

    /**
     * Picks the directory as described in the class comment.
     *
     * @param configured the {@code servicecall.namespace} setting
     * @param xdgRuntimeDir the value of {@code XDG_RUNTIME_DIR}, or null
     * @param tmpdir the value of {@code java.io.tmpdir}
     * @param uid this process's user id
     */
    static Path choose(Optional<Path> configured, String xdgRuntimeDir, String tmpdir, long uid) {
        if (configured.isPresent()) {
            return configured.get().toAbsolutePath().normalize();
        }
        if (xdgRuntimeDir != null && !xdgRuntimeDir.isEmpty()) {
            Path runtime = Path.of(xdgRuntimeDir);
            if (runtime.isAbsolute() && problem(runtime, uid) == null) {
                return runtime.resolve(XDG_SUBDIRECTORY);
            }
        }
        return Path.of(tmpdir).toAbsolutePath().normalize().resolve(TMP_PREFIX + uid);
    }

    /**
     * Creates {@code directory} with mode 0700 when missing (its missing parents too, with the
     * default mode), then checks the privacy rule.
     *
     * @return null when the directory is ready, else what is wrong
     */
    static String prepare(Path directory, long uid) {
        try {
            Path parent = directory.getParent();
            if (parent != null && Syscalls.statIfPresent(parent) == null) {
                Files.createDirectories(parent);
            }
            if (Syscalls.mkdirIfAbsent(directory, LinuxConstants.MODE_DIRECTORY)) {
                // mkdir applied the umask, which can only have removed bits; make the mode exact
                Syscalls.chmod(directory, LinuxConstants.MODE_DIRECTORY);
            }
        } catch (IOException | RuntimeException e) {
            return "cannot create the namespace directory " + directory + ": " + e.getMessage();
        }
        return problem(directory, uid);
    }

    /**
     * Checks the privacy rule.
     *
     * @return null when {@code directory} is private to {@code uid}, else what is wrong (also when
     *     it does not exist)
     */
    static String problem(Path directory, long uid) {
        FileStatus status;
        try {
            status = Syscalls.statIfPresent(directory);
        } catch (NativeCallException e) {
            return "cannot inspect the namespace directory " + directory + ": " + e.getMessage();
        }
        if (status == null) {
            return "the namespace directory " + directory + " does not exist";
        }
        if (!status.isDirectory()) {
            return "the namespace path " + directory + " is not a directory"
                    + (status.isSymbolicLink() ? " but a symbolic link" : "");
        }
        if (status.uid() != uid) {
            return "the namespace directory " + directory + " belongs to uid " + status.uid() + ", not to uid " + uid;
        }
        if ((status.permissions() & LinuxConstants.GROUP_OTHER_BITS) != 0) {
            return String.format("the namespace directory %s has mode %04o; it must grant nothing to group and others (0700)",
                    directory, status.permissions());
        }
        return null;
    }

    /** Whether {@code directory} exists at all (as anything). */
    static boolean exists(Path directory) throws NativeCallException {
        return Syscalls.statIfPresent(directory) != null;
    }
}

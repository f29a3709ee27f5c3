package dev.servicecall.protocol.os.unix;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.RoutineNames;
import dev.servicecall.spi.StatusException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directory that holds the sockets and lock files of one OS user (SPEC section 6), and the
 * names of the files in it: the one definition both Linux bindings (JNA, JNR) use, so their
 * processes meet in the same place.
 *
 * <p>Choice, in order: the configured {@code servicecall.namespace}; else
 * {@code $XDG_RUNTIME_DIR/servicecall} when {@code XDG_RUNTIME_DIR} is an absolute path to a
 * private directory; else {@code <java.io.tmpdir>/servicecall-<uid>}.
 *
 * <p>Layout: {@code NAME.sock}, the listening socket; {@code NAME.lock}, the file whose exclusive
 * {@code flock} is the claim on the name (taken by the binding).
 *
 * <p>Privacy rule, checked whenever the directory is used (it may be removed by a cleaner and
 * recreated by someone else): it is a real directory (not a symbolic link), owned by this
 * process's user, and grants nothing to group or others. Only then can no other user create,
 * replace or reach a socket in it. Checked with the JDK's {@code unix:} file attributes, without
 * following links.
 *
 * <p>Immutable and thread-safe.
 */
public final class UnixNamespace {
    /** Directory under {@code $XDG_RUNTIME_DIR}. */
    public static final String XDG_SUBDIRECTORY = "servicecall";
    /** Prefix of the per-uid directory under the temporary directory. */
    public static final String TMP_PREFIX = "servicecall-";
    public static final String SOCKET_SUFFIX = ".sock";
    public static final String LOCK_SUFFIX = ".lock";
    /** The mode the directory is created with. */
    public static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private static final int FILE_TYPE_BITS = 0170000;
    private static final int DIRECTORY_TYPE = 0040000;
    private static final int SYMBOLIC_LINK_TYPE = 0120000;
    private static final int PERMISSION_BITS = 07777;
    private static final int GROUP_OTHER_BITS = 0077;

    private final Path directory;
    private final long uid;

    /**
     * @param directory the name space directory (made absolute and normalised)
     * @param uid the user id of this process, who must own the directory
     */
    public UnixNamespace(Path directory, long uid) {
        this.directory = directory.toAbsolutePath().normalize();
        this.uid = uid;
    }

    /**
     * Picks the directory as described in the class comment.
     *
     * @param configured the {@code servicecall.namespace} setting
     * @param xdgRuntimeDir the value of {@code XDG_RUNTIME_DIR}, or null
     * @param tmpdir the value of {@code java.io.tmpdir}
     * @param uid this process's user id
     */
    public static UnixNamespace choose(Optional<Path> configured, String xdgRuntimeDir, String tmpdir, long uid) {
        if (configured.isPresent()) {
            return new UnixNamespace(configured.get(), uid);
        }
        if (xdgRuntimeDir != null && !xdgRuntimeDir.isEmpty()) {
            Path runtime = Path.of(xdgRuntimeDir);
            if (runtime.isAbsolute() && privacyProblem(runtime, uid) == null) {
                return new UnixNamespace(runtime.resolve(XDG_SUBDIRECTORY), uid);
            }
        }
        return new UnixNamespace(Path.of(tmpdir).resolve(TMP_PREFIX + uid), uid);
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** The user who must own the directory. */
    public long uid() {
        return uid;
    }

    /** {@code <dir>/NAME.sock}: where the service of {@code name} listens. */
    public Path socketFile(String name) {
        return directory.resolve(name + SOCKET_SUFFIX);
    }

    /** {@code <dir>/NAME.lock}: the file whose flock is the claim on {@code name}. */
    public Path lockFile(String name) {
        return directory.resolve(name + LOCK_SUFFIX);
    }

    /** Whether the directory exists at all (as anything, a dangling link included). */
    public boolean exists() {
        return Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Creates the directory with mode 0700 when missing (its missing parents too, with the default
     * mode), then checks the privacy rule. Idempotent.
     *
     * @throws StatusException NO_MEMORY when it cannot be created or is not private
     */
    public void prepare() throws StatusException {
        try {
            Path parent = directory.getParent();
            if (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_PERMISSIONS));
                // the umask can only have removed bits; make the mode exact
                Files.setPosixFilePermissions(directory, DIRECTORY_PERMISSIONS);
            } catch (FileAlreadyExistsException alreadyThere) {
                // checked below like any existing directory
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot create the namespace directory " + directory + ": " + e, e);
        }
        String problem = privacyProblem();
        if (problem != null) {
            throw new StatusException(NtStatus.NO_MEMORY, problem);
        }
    }

    /**
     * Checks, before a client trusts a socket in it, that the directory is private.
     *
     * @param name the routine being connected to, for the message
     * @throws StatusException INVALID_PARAMETER_1 when the directory does not exist (nothing can
     *     listen there); UNSUCCESSFUL when it is not private or cannot be examined
     */
    public void checkBeforeConnect(String name) throws StatusException {
        String problem = privacyProblem();
        if (problem != null) {
            // Only a directory known not to exist means "nothing registered"; one that cannot be
            // examined (another user's, EACCES) is a service that cannot be reached.
            boolean missing = Files.notExists(directory, LinkOption.NOFOLLOW_LINKS);
            throw new StatusException(missing ? NtStatus.INVALID_PARAMETER_1 : NtStatus.UNSUCCESSFUL,
                    "no routine '" + name + "' can be reached: " + problem);
        }
    }

    /** Why the directory is not private to {@link #uid()} (also when it does not exist), or null. */
    public String privacyProblem() {
        return privacyProblem(directory, uid);
    }

    /**
     * Checks the privacy rule on {@code directory}, without following a symbolic link.
     *
     * @return null when {@code directory} is private to {@code uid}, else what is wrong (also when
     *     it does not exist or cannot be examined)
     */
    public static String privacyProblem(Path directory, long uid) {
        int mode;
        long owner;
        try {
            Map<String, Object> attributes = Files.readAttributes(directory, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
            mode = (Integer) attributes.get("mode");
            owner = Integer.toUnsignedLong((Integer) attributes.get("uid"));
        } catch (NoSuchFileException e) {
            return "the namespace directory " + directory + " does not exist";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "cannot inspect the namespace directory " + directory + ": " + e;
        }
        int type = mode & FILE_TYPE_BITS;
        if (type != DIRECTORY_TYPE) {
            return "the namespace path " + directory + " is not a directory"
                    + (type == SYMBOLIC_LINK_TYPE ? " but a symbolic link" : "");
        }
        if (owner != uid) {
            return "the namespace directory " + directory + " belongs to uid " + owner + ", not to uid " + uid;
        }
        if ((mode & GROUP_OTHER_BITS) != 0) {
            return String.format("the namespace directory %s has mode %04o; it must grant nothing to group and others (0700)",
                    directory, mode & PERMISSION_BITS);
        }
        return null;
    }

    /**
     * Lists the {@code NAME.sock} files of the directory whose NAME is a valid routine name, sorted.
     * A name is stale when no live process holds its claim: its lock file is missing, or is not
     * {@code flock}ed according to {@code /proc/locks} ({@link HeldFlocks}; the lock is never taken
     * to test it). Stale names are reported, marked, not skipped: a SIGKILLed service leaves them,
     * and the next registration of the name clears them. When {@code /proc/locks} cannot be read,
     * names with a lock file are reported live (a call to one then tells).
     *
     * @return the names; empty when the directory does not exist
     * @throws StatusException UNSUCCESSFUL when the directory is not private or cannot be read
     */
    public List<BoundName> listNames() throws StatusException {
        if (!exists()) {
            return List.of();
        }
        String notPrivate = privacyProblem();
        if (notPrivate != null) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot list names: " + notPrivate);
        }
        HeldFlocks held = HeldFlocks.readOrNull();
        List<BoundName> names = new ArrayList<>();
        try (DirectoryStream<Path> sockets = Files.newDirectoryStream(directory, "*" + SOCKET_SUFFIX)) {
            for (Path socket : sockets) {
                String file = socket.getFileName().toString();
                String name = file.substring(0, file.length() - SOCKET_SUFFIX.length());
                if (RoutineNames.problem(name) != null) {
                    continue;
                }
                Long lockInode = inodeIfPresent(lockFile(name));
                boolean stale = lockInode == null || (held != null && !held.isLocked(lockInode));
                names.add(stale ? BoundName.stale(name) : BoundName.live(name));
            }
        } catch (IOException | RuntimeException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot list the names in " + directory + ": " + e, e);
        }
        Collections.sort(names);
        return names;
    }

    private static Long inodeIfPresent(Path file) throws IOException {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}

package dev.servicecall.transport.jna.linux;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.RoutineNames;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jna.NativeCallException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Linux {@link OsBackend}: one {@code AF_UNIX} stream socket per name, in a directory private
 * to the OS user, through libc bound with JNA direct mapping.
 *
 * <p>Layout of the name space directory (see {@link NamespaceDirectory} for where it is):
 * {@code NAME.sock}, the listening socket, mode 0600; {@code NAME.lock}, an empty file whose
 * exclusive {@code flock} is the claim on the name ({@link NameLock}).
 *
 * <p>Statuses: bind gives OBJECT_NAME_EXISTS while a live process (this one included) holds the
 * lock, and NO_MEMORY when the directory is not private or the socket cannot be created (a socket
 * path longer than 107 bytes among them). Connect gives INVALID_PARAMETER_1 when there is no
 * socket or nobody listens on it (a stale socket of a dead process), IO_TIMEOUT when the
 * listener's backlog stayed full for the whole timeout, and UNSUCCESSFUL otherwise (including a
 * socket path that is too long, or a directory that is not private).
 *
 * <p>{@link #listNames()} lists the {@code NAME.sock} files of the directory. A name is stale when
 * no live process holds its claim: its lock file is missing, or is not {@code flock}ed according
 * to {@code /proc/locks} (see {@link HeldFlocks}; the lock is never taken to test it). Stale names
 * are reported, marked, not skipped: a SIGKILLed service leaves them, and the next registration of
 * the name clears them. When {@code /proc/locks} cannot be read, names with a lock file are
 * reported live (a call to one then tells).
 *
 * <p>Thread-safe; holds no state besides the directory and uid.
 */
public final class LinuxBackend implements OsBackend {
    static final String SOCKET_SUFFIX = ".sock";
    static final String LOCK_SUFFIX = ".lock";

    private final Path directory;
    private final long uid;

    LinuxBackend(Path directory, long uid) {
        this.directory = directory;
        this.uid = uid;
    }

    /**
     * A backend for the directory the configuration names, or the per-user default.
     *
     * @throws LinkageError when libc cannot be bound (the provider probes this first)
     */
    public static LinuxBackend create(TransportConfig config) {
        long uid = Syscalls.uid();
        Path directory = NamespaceDirectory.choose(config.namespace(), System.getenv("XDG_RUNTIME_DIR"),
                System.getProperty("java.io.tmpdir"), uid);
        return new LinuxBackend(directory, uid);
    }

    /**
     * Binds libc and checks that this architecture's constants are known.
     *
     * @return null when the backend can work here, else why not
     * @throws LinkageError when libc cannot be bound
     */
    public static String probe(String jnaArchitecture) {
        if (!LinuxConstants.SUPPORTED_ARCHITECTURES.contains(jnaArchitecture)) {
            return "the JNA transport knows the Linux ABI constants of " + LinuxConstants.SUPPORTED_ARCHITECTURES
                    + " only, not of " + jnaArchitecture;
        }
        LibC.load();
        Syscalls.uid();
        return null;
    }

    /** The name space directory this backend uses. */
    public Path directory() {
        return directory;
    }

    @Override
    public String describe() {
        return "Linux AF_UNIX via JNA in " + directory;
    }

    @Override
    public void prepareNamespace() throws StatusException {
        String problem = NamespaceDirectory.prepare(directory, uid);
        if (problem != null) {
            throw new StatusException(NtStatus.NO_MEMORY, problem);
        }
    }

    @Override
    public ServerEndpoint bind(String name) throws StatusException {
        Path socketPath = socketPath(name);
        String tooLong = UnixSocketAddress.problem(socketPath);
        if (tooLong != null) {
            throw new StatusException(NtStatus.NO_MEMORY, tooLong);
        }
        String notPrivate = NamespaceDirectory.problem(directory, uid);
        if (notPrivate != null) {
            throw new StatusException(NtStatus.NO_MEMORY, notPrivate);
        }
        NameLock lock;
        try {
            lock = NameLock.tryAcquire(directory.resolve(name + LOCK_SUFFIX));
        } catch (NativeCallException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot claim '" + name + "': " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new StatusException(NtStatus.OBJECT_NAME_EXISTS,
                    "'" + name + "' is registered by a live process (" + directory.resolve(name + LOCK_SUFFIX) + " is locked)");
        }
        int fd = -1;
        boolean bound = false;
        try {
            // the lock is ours, so any socket file left here belongs to a dead owner
            Syscalls.unlinkIfPresent(socketPath);
            fd = Syscalls.unixStreamSocket();
            Syscalls.bind(fd, UnixSocketAddress.of(socketPath));
            bound = true;
            Syscalls.chmod(socketPath, LinuxConstants.MODE_SOCKET);
            Syscalls.listen(fd, socketPath);
            return new UnixServerEndpoint(name, socketPath, lock, fd);
        } catch (NativeCallException e) {
            if (fd >= 0) {
                Syscalls.closeQuietly(fd);
            }
            if (bound) {
                unlinkQuietly(socketPath);
            }
            lock.release();
            throw new StatusException(NtStatus.NO_MEMORY, "cannot listen on '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect(String name, long timeoutNanos) throws StatusException {
        Path socketPath = socketPath(name);
        String tooLong = UnixSocketAddress.problem(socketPath);
        if (tooLong != null) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, tooLong);
        }
        String notPrivate = NamespaceDirectory.problem(directory, uid);
        if (notPrivate != null) {
            throw new StatusException(directoryMissing() ? NtStatus.INVALID_PARAMETER_1 : NtStatus.UNSUCCESSFUL,
                    "no routine '" + name + "' can be reached: " + notPrivate);
        }
        int fd;
        try {
            fd = Syscalls.unixStreamSocket();
        } catch (NativeCallException e) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, e.getMessage(), e);
        }
        try {
            if (timeoutNanos > 0) {
                Syscalls.setSendTimeout(fd, timeoutNanos);
            }
            Syscalls.connect(fd, UnixSocketAddress.of(socketPath));
            if (timeoutNanos > 0) {
                Syscalls.setSendTimeout(fd, 0);
            }
            return new UnixConnection(fd);
        } catch (NativeCallException e) {
            Syscalls.closeQuietly(fd);
            throw connectFailure(name, e);
        }
    }

    @Override
    public List<BoundName> listNames() throws StatusException {
        if (directoryMissing()) {
            return List.of();
        }
        String notPrivate = NamespaceDirectory.problem(directory, uid);
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
                FileStatus lock = Syscalls.statIfPresent(lockPath(name));
                boolean stale = lock == null || (held != null && !held.isLocked(lock.inode()));
                names.add(stale ? BoundName.stale(name) : BoundName.live(name));
            }
        } catch (IOException e) { // NativeCallException included
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot list the names in " + directory + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        return names;
    }

    private static StatusException connectFailure(String name, NativeCallException e) {
        switch (e.code()) {
            case LinuxConstants.ENOENT:
            case LinuxConstants.ECONNREFUSED:
                return new StatusException(NtStatus.INVALID_PARAMETER_1, "no routine '" + name + "' is registered (" + e.getMessage() + ")", e);
            case LinuxConstants.EAGAIN:
                return new StatusException(NtStatus.IO_TIMEOUT, "the service of '" + name + "' accepted no connection in time (" + e.getMessage() + ")", e);
            default:
                return new StatusException(NtStatus.UNSUCCESSFUL, "cannot connect to '" + name + "': " + e.getMessage(), e);
        }
    }

    private boolean directoryMissing() {
        try {
            return !NamespaceDirectory.exists(directory);
        } catch (NativeCallException e) {
            return false;
        }
    }

    Path socketPath(String name) {
        return directory.resolve(name + SOCKET_SUFFIX);
    }

    Path lockPath(String name) {
        return directory.resolve(name + LOCK_SUFFIX);
    }

    private static void unlinkQuietly(Path path) {
        try {
            Syscalls.unlinkIfPresent(path);
        } catch (NativeCallException ignored) {
            // best effort while failing anyway
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}

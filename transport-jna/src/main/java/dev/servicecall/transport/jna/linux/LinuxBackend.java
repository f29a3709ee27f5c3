package dev.servicecall.transport.jna.linux;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jna.NativeCallException;
import dev.servicecall.protocol.os.unix.UnixNamespace;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux {@link OsBackend}: one {@code AF_UNIX} stream socket per name, in a directory private
 * to the OS user, through libc bound with JNA direct mapping.
 *
 * <p>Layout of the name space directory (see {@link UnixNamespace}, shared with the JNR transport,
 * for where it is and when it counts as private):
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
 * <p>{@link #listNames()} lists the {@code NAME.sock} files of the directory, a name being stale
 * when no live process holds its lock; see {@link UnixNamespace#listNames()}.
 *
 * <p>Thread-safe; holds no state besides the name space.
 */
public final class LinuxBackend implements OsBackend {
    private final UnixNamespace namespace;

    LinuxBackend(Path directory, long uid) {
        this(new UnixNamespace(directory, uid));
    }

    private LinuxBackend(UnixNamespace namespace) {
        this.namespace = namespace;
    }

    /**
     * A backend for the directory the configuration names, or the per-user default.
     *
     * @throws LinkageError when libc cannot be bound (the provider probes this first)
     */
    public static LinuxBackend create(TransportConfig config) {
        return new LinuxBackend(UnixNamespace.choose(config.namespace(), System.getenv("XDG_RUNTIME_DIR"),
                System.getProperty("java.io.tmpdir"), Syscalls.uid()));
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
        return namespace.directory();
    }

    @Override
    public String describe() {
        return "Linux AF_UNIX via JNA in " + namespace.directory();
    }

    @Override
    public void prepareNamespace() throws StatusException {
        namespace.prepare();
    }

    @Override
    public ServerEndpoint bind(String name) throws StatusException {
        Path socketPath = socketPath(name);
        String tooLong = UnixSocketAddress.problem(socketPath);
        if (tooLong != null) {
            throw new StatusException(NtStatus.NO_MEMORY, tooLong);
        }
        String notPrivate = namespace.privacyProblem();
        if (notPrivate != null) {
            throw new StatusException(NtStatus.NO_MEMORY, notPrivate);
        }
        NameLock lock;
        try {
            lock = NameLock.tryAcquire(lockPath(name));
        } catch (NativeCallException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot claim '" + name + "': " + e.getMessage(), e);
        }
        if (lock == null) {
            throw new StatusException(NtStatus.OBJECT_NAME_EXISTS,
                    "'" + name + "' is registered by a live process (" + lockPath(name) + " is locked)");
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
        namespace.checkBeforeConnect(name);
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

    /** As {@link UnixNamespace#listNames()}, shared with the JNR transport. */
    @Override
    public List<BoundName> listNames() throws StatusException {
        return namespace.listNames();
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

    Path socketPath(String name) {
        return namespace.socketFile(name);
    }

    Path lockPath(String name) {
        return namespace.lockFile(name);
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

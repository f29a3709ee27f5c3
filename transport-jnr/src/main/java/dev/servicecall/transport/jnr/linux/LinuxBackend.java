package dev.servicecall.transport.jnr.linux;

import static dev.servicecall.transport.jnr.linux.LinuxConstants.AF_UNIX;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EAGAIN;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.ECONNREFUSED;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EINPROGRESS;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EINTR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.ENOENT;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.ENOTDIR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EWOULDBLOCK;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.LISTEN_BACKLOG;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.MODE_SOCKET;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SOCK_CLOEXEC;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SOCK_STREAM;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SOL_SOCKET;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.SO_SNDTIMEO;

import dev.servicecall.protocol.os.Connection;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.protocol.os.ServerEndpoint;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.linux.NativeStructs.SockaddrUn;
import dev.servicecall.transport.jnr.linux.NativeStructs.Timeval;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jnr.ffi.Struct;

/**
 * The Linux OS backend through JNR-FFI: one {@code AF_UNIX} stream socket per name in a private
 * directory ({@link LinuxNamespace}), exclusivity by {@code flock} ({@link NameClaim}), caller
 * identity from {@code SO_PEERCRED}.
 *
 * <p>Files per name: {@code <dir>/NAME.sock} and {@code <dir>/NAME.lock}, the same as the JNA
 * transport's, so JNR and JNA processes call each other.
 *
 * <p>Statuses: {@link #prepareNamespace} and {@link #bind} give NO_MEMORY when the directory cannot
 * be created or is not private, or the socket cannot be created (a socket path over 107 bytes among
 * them); bind gives OBJECT_NAME_EXISTS while a live process, this one included, holds the lock.
 * {@link #connect} gives INVALID_PARAMETER_1 when the directory or socket does not exist or nobody
 * listens on it (a dead owner's stale socket), IO_TIMEOUT when the listener's backlog stayed full
 * for the whole timeout, and UNSUCCESSFUL otherwise (a directory that is not private, a path too
 * long).
 *
 * <p>Thread-safe.
 */
public final class LinuxBackend implements OsBackend {
    private final Posix posix;
    private final LinuxNamespace namespace;

    LinuxBackend(Posix posix, LinuxNamespace namespace) {
        this.posix = posix;
        this.namespace = namespace;
    }

    /**
     * The backend for {@code config}: its {@link TransportConfig#NAMESPACE} directory, else the
     * per-user default. Loads libc on first use.
     *
     * @throws LinkageError when JNR or libc cannot be loaded
     */
    public static LinuxBackend create(TransportConfig config) {
        Posix posix = Posix.system();
        return new LinuxBackend(posix, LinuxNamespace.choose(config.namespace(), System.getenv("XDG_RUNTIME_DIR"),
                System.getProperty("java.io.tmpdir"), posix.uid(), path -> LinuxNamespace.isPrivateDirectory(posix, path)));
    }

    /**
     * Loads libc and checks the constants the backend needs; for the provider's one-time probe.
     *
     * @return {@code null} when the backend can work here, else why not
     * @throws LinkageError when JNR or libc cannot be loaded
     */
    public static String probe() {
        var missing = LinuxConstants.undefinedConstants();
        if (!missing.isEmpty()) {
            return "jnr-constants does not define " + missing + " on this platform";
        }
        Posix.system().uid();
        return null;
    }

    /** The name space directory. */
    public Path directory() {
        return namespace.directory();
    }

    @Override
    public String describe() {
        return "Linux AF_UNIX via JNR-FFI (" + namespace.directory() + ")";
    }

    @Override
    public void prepareNamespace() throws StatusException {
        namespace.prepare(posix);
    }

    @Override
    public ServerEndpoint bind(String name) throws StatusException {
        namespace.prepare(posix);
        Path lockFile = namespace.lockFile(name);
        Path socketFile = namespace.socketFile(name);
        SockaddrUn address = NativeStructs.direct(new SockaddrUn(posix.runtime()));
        int addressLength = socketAddress(address, socketFile, NtStatus.NO_MEMORY);
        NameClaim claim;
        try {
            claim = NameClaim.acquire(posix, lockFile);
        } catch (NativeCallException e) {
            throw new StatusException(NtStatus.NO_MEMORY, "cannot claim '" + name + "': " + e.getMessage(), e);
        }
        if (claim == null) {
            throw new StatusException(NtStatus.OBJECT_NAME_EXISTS, "'" + name + "' is held by a live process (lock "
                    + lockFile + ")");
        }
        int fd = -1;
        try {
            // A socket file left by a dead owner: ours to remove, since we hold the lock now.
            posix.unlink(socketFile);
            fd = posix.libc().socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw posix.failure("socket", posix.errno(), null);
            }
            if (posix.libc().bind(fd, address, addressLength) != 0) {
                throw posix.failure("bind", posix.errno(), socketFile);
            }
            posix.chmod(socketFile, MODE_SOCKET);
            if (posix.libc().listen(fd, LISTEN_BACKLOG) != 0) {
                throw posix.failure("listen", posix.errno(), socketFile);
            }
            return new UnixServerEndpoint(name, posix, fd, socketFile, claim);
        } catch (NativeCallException e) {
            if (fd >= 0) {
                posix.close(fd);
                posix.unlinkQuietly(socketFile);
            }
            claim.release();
            throw new StatusException(NtStatus.NO_MEMORY, "cannot listen on '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect(String name, long timeoutNanos) throws StatusException {
        Path socketFile = namespace.socketFile(name);
        if (!namespace.checkBeforeConnect(posix)) {
            throw notListening(name, "the name space directory " + namespace.directory() + " does not exist");
        }
        SockaddrUn address = NativeStructs.direct(new SockaddrUn(posix.runtime()));
        int addressLength = socketAddress(address, socketFile, NtStatus.UNSUCCESSFUL);
        int fd = posix.libc().socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot create a socket",
                    posix.failure("socket", posix.errno(), null));
        }
        boolean connected = false;
        try {
            if (timeoutNanos > 0) {
                setSendTimeout(fd, timeoutNanos);
            }
            connectRetryingEintr(fd, address, addressLength, name, socketFile, timeoutNanos);
            if (timeoutNanos > 0) {
                setSendTimeout(fd, 0);
            }
            connected = true;
            return new UnixConnection(posix, fd);
        } finally {
            if (!connected) {
                posix.close(fd);
            }
        }
    }

    private void connectRetryingEintr(int fd, SockaddrUn address, int addressLength, String name, Path socketFile,
            long timeoutNanos) throws StatusException {
        while (posix.libc().connect(fd, address, addressLength) != 0) {
            int errno = posix.errno();
            if (errno == EINTR) {
                continue;
            }
            NativeCallException failure = posix.failure("connect", errno, socketFile);
            if (errno == ENOENT || errno == ECONNREFUSED || errno == ENOTDIR) {
                throw notListening(name, failure.getMessage());
            }
            if (timeoutNanos > 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINPROGRESS)) {
                throw new StatusException(NtStatus.IO_TIMEOUT, "'" + name + "' did not accept the connection within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", failure);
            }
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot connect to '" + name + "': "
                    + failure.getMessage(), failure);
        }
    }

    /** Bounds how long connect(2) waits while the listener's backlog is full (0: no limit). */
    private void setSendTimeout(int fd, long timeoutNanos) throws StatusException {
        Timeval timeout = NativeStructs.direct(new Timeval(posix.runtime()));
        long micros = TimeUnit.NANOSECONDS.toMicros(timeoutNanos);
        if (timeoutNanos > 0 && micros == 0) {
            micros = 1;
        }
        timeout.seconds.set(micros / 1_000_000);
        timeout.microseconds.set(micros % 1_000_000);
        if (posix.libc().setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, timeout, Struct.size(timeout)) != 0) {
            throw new StatusException(NtStatus.UNSUCCESSFUL, "cannot set the connect timeout",
                    posix.failure("setsockopt", posix.errno(), "SO_SNDTIMEO"));
        }
    }

    private static int socketAddress(SockaddrUn address, Path socketFile, int statusWhenTooLong)
            throws StatusException {
        try {
            return address.set(Posix.pathBytes(socketFile));
        } catch (IllegalArgumentException tooLong) {
            throw new StatusException(statusWhenTooLong, socketFile + ": " + tooLong.getMessage()
                    + "; choose a shorter " + TransportConfig.NAMESPACE);
        }
    }

    private static StatusException notListening(String name, String detail) {
        return new StatusException(NtStatus.INVALID_PARAMETER_1, "no routine named '" + name + "' is registered ("
                + detail + ")");
    }

    @Override
    public String toString() {
        return describe();
    }
}

package dev.servicecall.transport.jnr.linux;

import static dev.servicecall.transport.jnr.linux.LinuxConstants.AT_EMPTY_PATH;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.AT_FDCWD;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.AT_SYMLINK_NOFOLLOW;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EEXIST;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.EINTR;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.ENOENT;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.STATX_INO;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.STATX_MODE;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.STATX_TYPE;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.STATX_UID;

import dev.servicecall.transport.jnr.CloseGuard;
import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.linux.NativeStructs.Statx;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import dev.servicecall.transport.jnr.linux.Native.LibC;
import jnr.ffi.Runtime;

/**
 * The thin layer over {@link Native.LibC}: reads errno right after a failed call, retries EINTR where
 * the call may simply be repeated, and raises {@link NativeCallException} with the function name,
 * errno and the path or descriptor involved. Stateless and thread-safe.
 */
final class Posix {
    private static final byte[] EMPTY_PATH = {0};
    private static final Charset FILE_NAME_CHARSET = fileNameCharset();

    private final LibC libc;
    private final Runtime runtime;

    Posix(LibC libc, Runtime runtime) {
        this.libc = libc;
        this.runtime = runtime;
    }

    /** The process-wide instance over the loaded libc. */
    static Posix system() {
        return new Posix(Native.LIBC, Native.RUNTIME);
    }

    LibC libc() {
        return libc;
    }

    Runtime runtime() {
        return runtime;
    }

    /** errno of the last call this thread made through JNR; read it before any other native call. */
    int errno() {
        return runtime.getLastError();
    }

    /** An exception for {@code function} failing with {@code errno}. */
    NativeCallException failure(String function, int errno, Object detail) {
        return new NativeCallException(function, "errno", errno, LinuxConstants.errnoName(errno),
                detail == null ? null : detail.toString());
    }

    /** {@code path} as libc wants it: in the JVM's file-name encoding, NUL-terminated. */
    static byte[] path(Path path) {
        byte[] text = path.toString().getBytes(FILE_NAME_CHARSET);
        return Arrays.copyOf(text, text.length + 1);
    }

    /** {@code path} in the file-name encoding, without a NUL (for sockaddr_un). */
    static byte[] pathBytes(Path path) {
        return path.toString().getBytes(FILE_NAME_CHARSET);
    }

    /** getuid(2). */
    long uid() {
        return libc.getuid();
    }

    /** open(2), retrying EINTR. */
    int open(Path path, int flags, int mode) throws NativeCallException {
        byte[] bytes = path(path);
        while (true) {
            int fd = libc.open(bytes, flags, mode);
            if (fd >= 0) {
                return fd;
            }
            int errno = errno();
            if (errno != EINTR) {
                throw failure("open", errno, path);
            }
        }
    }

    /**
     * flock(2), retrying EINTR.
     *
     * @return 0 when locked, or the errno that refused it (EWOULDBLOCK: held elsewhere)
     */
    int flock(int fd, int operation) {
        while (true) {
            if (libc.flock(fd, operation) == 0) {
                return 0;
            }
            int errno = errno();
            if (errno != EINTR) {
                return errno;
            }
        }
    }

    /**
     * mkdir(2).
     *
     * @return true when created, false when something already exists at {@code path}
     */
    boolean mkdir(Path path, int mode) throws NativeCallException {
        if (libc.mkdir(path(path), mode) == 0) {
            return true;
        }
        int errno = errno();
        if (errno == EEXIST) {
            return false;
        }
        throw failure("mkdir", errno, path);
    }

    /** chmod(2). */
    void chmod(Path path, int mode) throws NativeCallException {
        if (libc.chmod(path(path), mode) != 0) {
            throw failure("chmod", errno(), path);
        }
    }

    /**
     * unlink(2).
     *
     * @return false when nothing was there
     */
    boolean unlink(Path path) throws NativeCallException {
        if (libc.unlink(path(path)) == 0) {
            return true;
        }
        int errno = errno();
        if (errno == ENOENT) {
            return false;
        }
        throw failure("unlink", errno, path);
    }

    /** unlink(2) where a failure can only be reported, not acted upon. */
    void unlinkQuietly(Path path) {
        libc.unlink(path(path));
    }

    /**
     * statx(2) of {@code path} itself (a symbolic link is described, not followed).
     *
     * @return false when nothing is at {@code path}
     */
    boolean stat(Path path, Statx result) throws NativeCallException {
        if (libc.statx(AT_FDCWD, path(path), AT_SYMLINK_NOFOLLOW, STATX_TYPE | STATX_MODE | STATX_UID | STATX_INO,
                result) == 0) {
            return true;
        }
        int errno = errno();
        if (errno == ENOENT) {
            return false;
        }
        throw failure("statx", errno, path);
    }

    /** statx(2) of an open descriptor. */
    void stat(int fd, Statx result) throws NativeCallException {
        if (libc.statx(fd, EMPTY_PATH, AT_EMPTY_PATH, STATX_TYPE | STATX_MODE | STATX_UID | STATX_INO, result) != 0) {
            throw failure("statx", errno(), "descriptor " + fd);
        }
    }

    /**
     * The {@link CloseGuard} of a socket: close wakes blocked calls with {@code shutdown(SHUT_RDWR)}
     * and releases the descriptor with close(2) once none uses it.
     */
    CloseGuard socketGuard(int fd) {
        return new CloseGuard(() -> libc.shutdown(fd, LinuxConstants.SHUT_RDWR), () -> libc.close(fd));
    }

    /** close(2); never retried, since Linux releases the descriptor even when it reports EINTR. */
    void close(int fd) {
        libc.close(fd);
    }

    private static Charset fileNameCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException unsupported) {
            return StandardCharsets.UTF_8;
        }
    }
}

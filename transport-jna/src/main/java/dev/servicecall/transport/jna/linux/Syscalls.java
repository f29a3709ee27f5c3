package dev.servicecall.transport.jna.linux;

import static dev.servicecall.transport.jna.linux.LinuxConstants.*;

import com.sun.jna.LastErrorException;
import dev.servicecall.transport.jna.NativeCallException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The thin layer over {@link LibC}: retries {@code EINTR}, turns failures into
 * {@link NativeCallException} (call name, errno and what was being worked on), and maps the few
 * expected outcomes (a lock held elsewhere, a file already gone) to return values.
 * Thread-safe (stateless).
 */
final class Syscalls {
    private Syscalls() {
    }

    static NativeCallException failure(String call, LastErrorException e, Object subject) {
        int errno = e.getErrorCode();
        return NativeCallException.errno(call, errno, errnoName(errno), subject == null ? null : subject.toString());
    }

    /** A new blocking {@code AF_UNIX} stream socket, close-on-exec. */
    static int unixStreamSocket() throws NativeCallException {
        try {
            return LibC.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw failure("socket", e, null);
        }
    }

    static void bind(int fd, UnixSocketAddress address) throws NativeCallException {
        try {
            LibC.bind(fd, address.bytes(), address.length());
        } catch (LastErrorException e) {
            throw failure("bind", e, address.path());
        }
    }

    static void listen(int fd, Path path) throws NativeCallException {
        try {
            LibC.listen(fd, LISTEN_BACKLOG);
        } catch (LastErrorException e) {
            throw failure("listen", e, path);
        }
    }

    /**
     * Accepts one connection, retrying {@code EINTR} and {@code ECONNABORTED} (a client that gave
     * up while queued).
     */
    static int accept(int fd) throws NativeCallException {
        while (true) {
            try {
                return LibC.accept4(fd, 0L, 0L, SOCK_CLOEXEC);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR && e.getErrorCode() != ECONNABORTED) {
                    throw failure("accept4", e, null);
                }
            }
        }
    }

    /** Connects, retrying {@code EINTR}; an {@code EISCONN} after an interrupted attempt is success. */
    static void connect(int fd, UnixSocketAddress address) throws NativeCallException {
        boolean interrupted = false;
        while (true) {
            try {
                LibC.connect(fd, address.bytes(), address.length());
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EINTR) {
                    interrupted = true;
                } else if (interrupted && e.getErrorCode() == EISCONN) {
                    return;
                } else {
                    throw failure("connect", e, address.path());
                }
            }
        }
    }

    /** Receives into native memory; 0 means end of stream. */
    static long recv(int fd, long address, long length) throws NativeCallException {
        while (true) {
            try {
                return LibC.recv(fd, address, length, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw failure("recv", e, null);
                }
            }
        }
    }

    /** Sends from native memory without raising SIGPIPE when the peer is gone ({@code EPIPE} instead). */
    static long send(int fd, long address, long length) throws NativeCallException {
        while (true) {
            try {
                return LibC.send(fd, address, length, MSG_NOSIGNAL);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw failure("send", e, null);
                }
            }
        }
    }

    /**
     * Polls one {@code struct pollfd} at {@code pollfdAddress}.
     *
     * @return the poll result, or −1 when interrupted ({@code EINTR}): the caller recomputes its
     *     remaining time and polls again
     */
    static int poll(long pollfdAddress, int timeoutMillis) throws NativeCallException {
        try {
            return LibC.poll(pollfdAddress, 1, timeoutMillis);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EINTR) {
                return -1;
            }
            throw failure("poll", e, null);
        }
    }

    /** Shuts both directions down, waking blocked threads; a socket never connected is ignored. */
    static void shutdownQuietly(int fd) {
        try {
            LibC.shutdown(fd, SHUT_RDWR);
        } catch (LastErrorException e) {
            // ENOTCONN for a socket that never connected: nothing to wake
        }
    }

    /** Closes a descriptor; never retried, since Linux releases it even when close fails. */
    static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            // the descriptor is gone either way
        }
    }

    /** The peer's {@code struct ucred} as {@code {pid, uid, gid}}. */
    static int[] peerCredentials(int fd) throws NativeCallException {
        int[] credentials = new int[UCRED_SIZE / Integer.BYTES];
        int[] length = {UCRED_SIZE};
        try {
            LibC.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, credentials, length);
        } catch (LastErrorException e) {
            throw failure("getsockopt(SO_PEERCRED)", e, null);
        }
        return credentials;
    }

    /**
     * Sets {@code SO_SNDTIMEO}, which on {@code AF_UNIX} also bounds how long connect waits for a
     * full backlog; 0 means no limit.
     */
    static void setSendTimeout(int fd, long nanos) throws NativeCallException {
        long[] timeval = {nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1_000L};
        if (nanos > 0 && timeval[0] == 0 && timeval[1] == 0) {
            timeval[1] = 1; // a zero timeval would mean "no limit"
        }
        try {
            LibC.setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, timeval, 2 * Long.BYTES);
        } catch (LastErrorException e) {
            throw failure("setsockopt(SO_SNDTIMEO)", e, null);
        }
    }

    /** Opens (creating with mode 0600 if needed) a lock file for reading and writing, close-on-exec. */
    static int openLockFile(Path path) throws NativeCallException {
        byte[] name = NativePaths.cString(path);
        while (true) {
            try {
                return LibC.open(name, O_RDWR | O_CREAT | O_CLOEXEC, MODE_LOCK_FILE);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != EINTR) {
                    throw failure("open", e, path);
                }
            }
        }
    }

    /**
     * Tries to take an exclusive {@code flock} without waiting.
     *
     * @return false when another open file description holds it (this process or another)
     */
    static boolean tryLockExclusive(int fd, Path path) throws NativeCallException {
        while (true) {
            try {
                LibC.flock(fd, LOCK_EX | LOCK_NB);
                return true;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EWOULDBLOCK) {
                    return false;
                }
                if (e.getErrorCode() != EINTR) {
                    throw failure("flock", e, path);
                }
            }
        }
    }

    /** Removes a file name; returns false when there was none. */
    static boolean unlinkIfPresent(Path path) throws NativeCallException {
        try {
            LibC.unlink(NativePaths.cString(path));
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return false;
            }
            throw failure("unlink", e, path);
        }
    }

    static void chmod(Path path, int mode) throws NativeCallException {
        try {
            LibC.chmod(NativePaths.cString(path), mode);
        } catch (LastErrorException e) {
            throw failure("chmod", e, path);
        }
    }

    /** The status of {@code path} itself (a symbolic link is not followed), or null when absent. */
    static FileStatus statIfPresent(Path path) throws NativeCallException {
        byte[] buffer = new byte[STATX_SIZE];
        try {
            LibC.statx(AT_FDCWD, NativePaths.cString(path), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return null;
            }
            throw failure("statx", e, path);
        }
        return decode(buffer);
    }

    /** The status of the file an open descriptor refers to. */
    static FileStatus stat(int fd) throws NativeCallException {
        byte[] buffer = new byte[STATX_SIZE];
        try {
            LibC.statx(fd, new byte[1], AT_EMPTY_PATH, STATX_BASIC_STATS, buffer);
        } catch (LastErrorException e) {
            throw failure("statx", e, "descriptor " + fd);
        }
        return decode(buffer);
    }

    private static FileStatus decode(byte[] buffer) {
        ByteBuffer statx = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
        int mode = Short.toUnsignedInt(statx.getShort(STATX_OFFSET_MODE));
        long uid = Integer.toUnsignedLong(statx.getInt(STATX_OFFSET_UID));
        long inode = statx.getLong(STATX_OFFSET_INO);
        long device = (Integer.toUnsignedLong(statx.getInt(STATX_OFFSET_DEV_MAJOR)) << 32)
                | Integer.toUnsignedLong(statx.getInt(STATX_OFFSET_DEV_MINOR));
        long links = Integer.toUnsignedLong(statx.getInt(STATX_OFFSET_NLINK));
        return new FileStatus(mode, uid, inode, device, links);
    }

    /** The real user id of this process. */
    static long uid() {
        return Integer.toUnsignedLong(LibC.getuid());
    }
}

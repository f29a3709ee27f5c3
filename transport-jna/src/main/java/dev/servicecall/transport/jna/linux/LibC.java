package dev.servicecall.transport.jna.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The libc functions the Linux backend uses, bound once with JNA direct mapping: each call is a
 * JNI call into a generated stub, with no reflection and no Java allocation (arrays are pinned or
 * copied by JNA's native code).
 *
 * <p>These are raw bindings: each returns what libc returns, and on the failure value (−1 unless
 * stated) JNA reads {@code errno} inside the native stub, on this thread, and throws
 * {@link LastErrorException} carrying it. {@link Syscalls} turns that into a
 * {@link dev.servicecall.transport.jna.NativeCallException} and retries {@code EINTR}.
 *
 * <p>Pointers and {@code size_t}/{@code ssize_t} are passed as Java {@code long}, which is right
 * on the 64-bit architectures listed in {@link LinuxConstants#SUPPORTED_ARCHITECTURES}. Paths are
 * NUL-terminated byte arrays in the file-system encoding ({@link NativePaths}).
 *
 * <p>Loading: the static initialiser registers the natives; if libc or a symbol cannot be bound it
 * throws, and the provider's probe reports that as unavailability.
 */
final class LibC {
    static {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LibC() {
    }

    /** Forces loading; throws {@link LinkageError} when the natives cannot be bound. */
    static void load() {
        // the static initialiser does the work
    }

    /** {@code int socket(int domain, int type, int protocol)}: a new socket descriptor, −1 on failure. */
    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)}: 0, −1 on failure. */
    static native int bind(int fd, byte[] address, int length) throws LastErrorException;

    /** {@code int listen(int fd, int backlog)}: 0, −1 on failure. */
    static native int listen(int fd, int backlog) throws LastErrorException;

    /**
     * {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)}: the accepted
     * descriptor, −1 on failure ({@code EINVAL} once the listening socket was shut down).
     */
    static native int accept4(int fd, long address, long lengthAddress, int flags) throws LastErrorException;

    /**
     * {@code int connect(int fd, const struct sockaddr *addr, socklen_t len)}: 0, −1 on failure;
     * {@code ENOENT} for a missing socket file, {@code ECONNREFUSED} for one nobody listens on,
     * {@code EAGAIN} when the backlog stayed full for the send timeout.
     */
    static native int connect(int fd, byte[] address, int length) throws LastErrorException;

    /** {@code ssize_t recv(int fd, void *buf, size_t len, int flags)}: bytes read, 0 at end of stream, −1 on failure. */
    static native long recv(int fd, long buffer, long length, int flags) throws LastErrorException;

    /** {@code ssize_t send(int fd, const void *buf, size_t len, int flags)}: bytes written, −1 on failure. */
    static native long send(int fd, long buffer, long length, int flags) throws LastErrorException;

    /** {@code int poll(struct pollfd *fds, nfds_t n, int timeout)}: ready count, 0 on timeout, −1 on failure. */
    static native int poll(long fds, long count, int timeoutMillis) throws LastErrorException;

    /** {@code int shutdown(int fd, int how)}: 0, −1 on failure. Wakes threads blocked on the socket. */
    static native int shutdown(int fd, int how) throws LastErrorException;

    /** {@code int close(int fd)}: 0, −1 on failure; the descriptor is released even then (never retry). */
    static native int close(int fd) throws LastErrorException;

    /** {@code int getsockopt(int fd, int level, int name, void *val, socklen_t *len)}: 0, −1 on failure. */
    static native int getsockopt(int fd, int level, int name, int[] value, int[] length) throws LastErrorException;

    /** {@code int setsockopt(int fd, int level, int name, const void *val, socklen_t len)}: 0, −1 on failure. */
    static native int setsockopt(int fd, int level, int name, long[] value, int length) throws LastErrorException;

    /** {@code int open(const char *path, int flags, mode_t mode)}: a descriptor, −1 on failure. */
    static native int open(byte[] path, int flags, int mode) throws LastErrorException;

    /** {@code int flock(int fd, int op)}: 0, −1 on failure ({@code EWOULDBLOCK} when held elsewhere with LOCK_NB). */
    static native int flock(int fd, int operation) throws LastErrorException;

    /** {@code int unlink(const char *path)}: 0, −1 on failure. */
    static native int unlink(byte[] path) throws LastErrorException;


    /** {@code int chmod(const char *path, mode_t mode)}: 0, −1 on failure. */
    static native int chmod(byte[] path, int mode) throws LastErrorException;

    /**
     * {@code int statx(int dirfd, const char *path, int flags, unsigned mask, struct statx *buf)}:
     * 0, −1 on failure. {@code struct statx} has one layout on every architecture (glibc 2.28+).
     */
    static native int statx(int dirfd, byte[] path, int flags, int mask, byte[] buffer) throws LastErrorException;

    /** {@code uid_t getuid(void)}: the real user id; never fails. */
    static native int getuid();
}

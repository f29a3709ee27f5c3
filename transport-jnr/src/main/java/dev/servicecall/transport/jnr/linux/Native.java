package dev.servicecall.transport.jnr.linux;

import dev.servicecall.transport.jnr.linux.NativeStructs.PollFd;
import dev.servicecall.transport.jnr.linux.NativeStructs.SockaddrUn;
import dev.servicecall.transport.jnr.linux.NativeStructs.Statx;
import dev.servicecall.transport.jnr.linux.NativeStructs.Timeval;
import dev.servicecall.transport.jnr.linux.NativeStructs.Ucred;
import java.nio.ByteBuffer;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.Transient;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.mode_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.socklen_t;
import jnr.ffi.types.ssize_t;
import jnr.ffi.types.uid_t;

/**
 * The one loaded libc binding, as jnr-unixsocket's {@code Native} holds its own: a package-private
 * holder whose nested interface is public only because JNR generates the implementation in a class
 * loader of its own. Loading happens when {@link #LIBC} is first read; if JNR or libc is missing,
 * that read fails with a {@link LinkageError}, which the provider's probe catches once and reports.
 */
final class Native {
    /** libc, bound once for the whole JVM. */
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    /** The JNR runtime of {@link #LIBC}: where errno is read after each call. */
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    /**
     * The libc functions the Linux backend uses, bound with JNR-FFI (loaded once, in
     * {@link Native}). Raw: every function returns what libc returns, and on failure leaves errno,
     * which the caller reads at once with {@code jnr.ffi.Runtime#getLastError()} on the same thread.
     * {@link Posix} is the thin layer that turns failures into exceptions.
     *
     * <p>Paths are NUL-terminated byte arrays ({@link Posix#path}). Buffers passed as
     * {@link ByteBuffer} start at the buffer's position; direct buffers are passed by address without
     * copying, heap buffers are copied by JNR in the direction their annotation says.
     */
    public interface LibC {
        /** socket(2): a new descriptor, or -1. */
        int socket(int domain, int type, int protocol);

        /** bind(2): 0, or -1 (EADDRINUSE when the path exists). */
        int bind(int fd, @In @Transient SockaddrUn address, @socklen_t int addressLength);

        /** listen(2): 0, or -1. */
        int listen(int fd, int backlog);

        /**
         * accept4(2) without the peer address: a new descriptor, or -1 (EINVAL once the listener was
         * shut down, ECONNABORTED for a client that left the queue).
         */
        int accept4(int fd, @Out Pointer address, @In @Out Pointer addressLength, int flags);

        /**
         * connect(2): 0, or -1 (ENOENT no such socket file, ECONNREFUSED nobody listens on it,
         * EAGAIN the backlog stayed full for the SO_SNDTIMEO timeout).
         */
        int connect(int fd, @In @Transient SockaddrUn address, @socklen_t int addressLength);

        /** send(2): bytes sent (at least 1 when length > 0), or -1 (EPIPE with MSG_NOSIGNAL, ECONNRESET). */
        @ssize_t long send(int fd, @In ByteBuffer buffer, @size_t long length, int flags);

        /** recv(2): bytes received, 0 at end of stream (or after shutdown), or -1. */
        @ssize_t long recv(int fd, @Out ByteBuffer buffer, @size_t long length, int flags);

        /** poll(2) on one descriptor ({@code count} is nfds_t, an unsigned long): ready count, 0 on timeout, or -1. */
        int poll(@In @Out PollFd fds, @size_t long count, int timeoutMillis);

        /** getsockopt(2) for SO_PEERCRED: 0, or -1. */
        int getsockopt(int fd, int level, int option, @Out Ucred value, @In @Out Pointer valueLength);

        /** setsockopt(2) for SO_SNDTIMEO: 0, or -1. */
        int setsockopt(int fd, int level, int option, @In @Transient Timeval value, @socklen_t int valueLength);

        /** shutdown(2): 0, or -1; wakes threads blocked in accept, recv and poll on {@code fd}. */
        int shutdown(int fd, int how);

        /** close(2): 0, or -1; the descriptor is released either way (never retried). */
        int close(int fd);

        /** open(2) (variadic: the mode follows the two fixed arguments): a descriptor, or -1. */
        @Variadic(fixedCount = 2)
        int open(@In byte[] path, int flags, @mode_t int mode);

        /** flock(2): 0, or -1 (EWOULDBLOCK with LOCK_NB when another open file description holds it). */
        int flock(int fd, int operation);

        /** mkdir(2): 0, or -1 (EEXIST). */
        int mkdir(@In byte[] path, @mode_t int mode);

        /** chmod(2): 0, or -1. */
        int chmod(@In byte[] path, @mode_t int mode);

        /** unlink(2): 0, or -1 (ENOENT). */
        int unlink(@In byte[] path);

        /**
         * statx(2): 0 with {@code result} filled, or -1. With {@code AT_EMPTY_PATH} and an empty
         * path it describes the open descriptor {@code dirFd}.
         */
        int statx(int dirFd, @In byte[] path, int flags, int mask, @Out Statx result);

        /** getuid(2): the real user id; never fails. */
        @IgnoreError
        @uid_t
        long getuid();
    }
}

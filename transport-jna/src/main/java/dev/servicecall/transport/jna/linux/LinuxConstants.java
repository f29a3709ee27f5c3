package dev.servicecall.transport.jna.linux;

import java.util.Set;

/**
 * Every Linux constant the backend passes to or reads from libc, by name, in one place.
 *
 * <p>The values are those of the generic Linux ABI used by x86-64, AArch64 and RISC-V 64 (they
 * differ on MIPS, SPARC, PowerPC, Alpha and PA-RISC); {@link #SUPPORTED_ARCHITECTURES} lists the
 * architectures, as JNA names them, on which this table holds. The backend is unavailable
 * elsewhere rather than wrong.
 */
final class LinuxConstants {
    /** JNA's {@code Platform.ARCH} values for which these constants are right. */
    static final Set<String> SUPPORTED_ARCHITECTURES = Set.of("x86-64", "aarch64", "riscv64");

    // socket(2), socket(7), unix(7)
    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_PEERCRED = 17;
    static final int SO_SNDTIMEO = 21;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SHUT_RDWR = 2;
    /** Size of {@code struct sockaddr_un}: a 2-byte family and 108 bytes of path. */
    static final int SOCKADDR_UN_SIZE = 110;
    /** Capacity of {@code sun_path}, including the terminating NUL. */
    static final int SUN_PATH_CAPACITY = 108;
    /** Size of {@code struct ucred}: pid, uid, gid as 32-bit ints. */
    static final int UCRED_SIZE = 12;
    static final int LISTEN_BACKLOG = 128;

    // open(2), flock(2)
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_CLOEXEC = 02000000;
    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;

    // statx(2): the layout of struct statx is the same on every architecture
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_BASIC_STATS = 0x7ff;
    static final int STATX_SIZE = 256;
    static final int STATX_OFFSET_NLINK = 16;
    static final int STATX_OFFSET_UID = 20;
    static final int STATX_OFFSET_MODE = 28;
    static final int STATX_OFFSET_INO = 32;
    static final int STATX_OFFSET_DEV_MAJOR = 136;
    static final int STATX_OFFSET_DEV_MINOR = 140;

    // inode(7) file types and permission bits
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFSOCK = 0140000;
    static final int S_IFLNK = 0120000;
    static final int PERMISSION_BITS = 07777;
    static final int MODE_SOCKET = 0600;
    static final int MODE_LOCK_FILE = 0600;

    // poll(2): struct pollfd is { int fd; short events; short revents; }
    static final int POLLIN = 0x001;
    static final int POLLERR = 0x008;
    static final int POLLHUP = 0x010;
    static final int POLLNVAL = 0x020;
    static final int POLLFD_SIZE = 8;
    static final int POLLFD_OFFSET_EVENTS = 4;
    static final int POLLFD_OFFSET_REVENTS = 6;

    // errno(3)
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EWOULDBLOCK = EAGAIN;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int EPIPE = 32;
    static final int ENAMETOOLONG = 36;
    static final int ENOSYS = 38;
    static final int ENOTSOCK = 88;
    static final int EADDRINUSE = 98;
    static final int ECONNABORTED = 103;
    static final int ECONNRESET = 104;
    static final int EISCONN = 106;
    static final int ENOTCONN = 107;
    static final int ECONNREFUSED = 111;

    private LinuxConstants() {
    }

    /** The symbolic name of an errno value this backend meets, or {@code null}. */
    static String errnoName(int errno) {
        switch (errno) {
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EACCES: return "EACCES";
            case EEXIST: return "EEXIST";
            case ENOTDIR: return "ENOTDIR";
            case EINVAL: return "EINVAL";
            case ENFILE: return "ENFILE";
            case EMFILE: return "EMFILE";
            case EPIPE: return "EPIPE";
            case ENAMETOOLONG: return "ENAMETOOLONG";
            case ENOSYS: return "ENOSYS";
            case ENOTSOCK: return "ENOTSOCK";
            case EADDRINUSE: return "EADDRINUSE";
            case ECONNABORTED: return "ECONNABORTED";
            case ECONNRESET: return "ECONNRESET";
            case EISCONN: return "EISCONN";
            case ENOTCONN: return "ENOTCONN";
            case ECONNREFUSED: return "ECONNREFUSED";
            default: return null;
        }
    }
}

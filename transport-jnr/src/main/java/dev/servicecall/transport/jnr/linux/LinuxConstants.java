package dev.servicecall.transport.jnr.linux;

import java.util.ArrayList;
import java.util.List;
import jnr.constants.Constant;
import jnr.constants.platform.AddressFamily;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.constants.platform.Shutdown;
import jnr.constants.platform.Sock;
import jnr.constants.platform.SocketLevel;
import jnr.constants.platform.SocketMessage;
import jnr.constants.platform.SocketOption;

/**
 * Every constant the Linux backend passes to or reads from libc, by name, in one place.
 *
 * <p>Most come from jnr-constants, which resolves them for the running platform. The few that
 * jnr-constants does not provide are defined here with the value of the generic Linux ABI (the
 * same on x86-64, AArch64, RISC-V and, for these particular constants, every other Linux
 * architecture); each says where it comes from.
 */
final class LinuxConstants {
    // socket(2), unix(7), send(2), shutdown(2), getsockopt(2): from jnr-constants
    static final int AF_UNIX = AddressFamily.AF_UNIX.intValue();
    static final int SOCK_STREAM = Sock.SOCK_STREAM.intValue();
    static final int SOCK_CLOEXEC = Sock.SOCK_CLOEXEC.intValue();
    static final int SOL_SOCKET = SocketLevel.SOL_SOCKET.intValue();
    static final int SO_PEERCRED = SocketOption.SO_PEERCRED.intValue();
    static final int SO_SNDTIMEO = SocketOption.SO_SNDTIMEO.intValue();
    static final int MSG_NOSIGNAL = SocketMessage.MSG_NOSIGNAL.intValue();
    static final int SHUT_RDWR = Shutdown.SHUT_RDWR.intValue();

    // open(2): from jnr-constants
    static final int O_RDWR = OpenFlags.O_RDWR.intValue();
    static final int O_CREAT = OpenFlags.O_CREAT.intValue();
    static final int O_CLOEXEC = OpenFlags.O_CLOEXEC.intValue();
    static final int O_NOFOLLOW = OpenFlags.O_NOFOLLOW.intValue();

    // errno(3): from jnr-constants
    static final int EINTR = Errno.EINTR.intValue();
    static final int EAGAIN = Errno.EAGAIN.intValue();
    static final int EWOULDBLOCK = Errno.EWOULDBLOCK.intValue();
    static final int ENOENT = Errno.ENOENT.intValue();
    static final int EEXIST = Errno.EEXIST.intValue();
    static final int EINVAL = Errno.EINVAL.intValue();
    static final int ENOTDIR = Errno.ENOTDIR.intValue();
    static final int ECONNREFUSED = Errno.ECONNREFUSED.intValue();
    static final int ECONNABORTED = Errno.ECONNABORTED.intValue();
    static final int EISCONN = Errno.EISCONN.intValue();
    static final int EALREADY = Errno.EALREADY.intValue();
    static final int EINPROGRESS = Errno.EINPROGRESS.intValue();

    // flock(2), <sys/file.h>: not in jnr-constants
    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;

    // poll(2), <asm-generic/poll.h>: not in jnr-constants
    static final short POLLIN = 0x001;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    // statx(2), <fcntl.h> and <linux/stat.h>: not in jnr-constants
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int STATX_TYPE = 0x001;
    static final int STATX_MODE = 0x002;
    static final int STATX_UID = 0x008;
    static final int STATX_INO = 0x100;

    // inode(7), file type and permission bits: not in jnr-constants
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFSOCK = 0140000;
    static final int PERMISSION_BITS = 07777;

    // unix(7): capacity of sockaddr_un.sun_path, including the terminating NUL
    static final int SUN_PATH_CAPACITY = 108;

    /** Modes of what the backend creates: private to the OS user. */
    static final int MODE_DIRECTORY = 0700;
    static final int MODE_SOCKET = 0600;
    static final int MODE_LOCK_FILE = 0600;
    /** Pending connections a listener queues before connect(2) blocks. */
    static final int LISTEN_BACKLOG = 128;

    private LinuxConstants() {
    }

    /**
     * The jnr-constants values this class relies on that are not defined for the running
     * platform; empty where the backend can work.
     */
    static List<String> undefinedConstants() {
        List<String> missing = new ArrayList<>();
        for (Constant c : new Constant[] {AddressFamily.AF_UNIX, Sock.SOCK_STREAM, Sock.SOCK_CLOEXEC,
                SocketLevel.SOL_SOCKET, SocketOption.SO_PEERCRED, SocketOption.SO_SNDTIMEO,
                SocketMessage.MSG_NOSIGNAL, Shutdown.SHUT_RDWR, OpenFlags.O_RDWR, OpenFlags.O_CREAT,
                OpenFlags.O_CLOEXEC, OpenFlags.O_NOFOLLOW, Errno.EINTR, Errno.EAGAIN, Errno.ENOENT,
                Errno.ECONNREFUSED}) {
            if (!c.defined()) {
                missing.add(c.name());
            }
        }
        return missing;
    }

    /** The symbolic name of an errno value, or {@code null} when jnr-constants does not know it. */
    static String errnoName(int errno) {
        Errno known = Errno.valueOf(errno);
        return known == null || !known.defined() ? null : known.name();
    }
}

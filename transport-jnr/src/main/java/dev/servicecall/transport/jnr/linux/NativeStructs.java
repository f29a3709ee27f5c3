package dev.servicecall.transport.jnr.linux;

import jnr.ffi.NativeType;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * The C structures the Linux backend exchanges with libc, as JNR structs. Each is created with
 * {@link #direct} on native memory allocated once, so passing it to a call copies nothing and
 * allocates nothing. None is thread-safe: each belongs to one endpoint or connection and is used
 * by one thread at a time.
 */
final class NativeStructs {
    private NativeStructs() {
    }

    /** Backs {@code struct} with zeroed native memory of its size and returns it. */
    static <T extends Struct> T direct(T struct) {
        struct.useMemory(struct.getRuntime().getMemoryManager().allocateDirect(Struct.size(struct), true));
        return struct;
    }

    /** {@code struct sockaddr_un} (unix(7)): an address family and a NUL-terminated path. */
    public static final class SockaddrUn extends Struct {
        final sa_family_t family = new sa_family_t();
        final Padding path = new Padding(NativeType.UCHAR, LinuxConstants.SUN_PATH_CAPACITY);

        SockaddrUn(Runtime runtime) {
            super(runtime);
        }

        /**
         * Fills the address with {@code AF_UNIX} and {@code pathBytes} (no NUL inside).
         *
         * @return the address length to pass to bind(2) or connect(2)
         */
        int set(byte[] pathBytes) {
            if (pathBytes.length >= LinuxConstants.SUN_PATH_CAPACITY) {
                throw new IllegalArgumentException("socket path of " + pathBytes.length + " bytes exceeds the "
                        + (LinuxConstants.SUN_PATH_CAPACITY - 1) + " bytes sockaddr_un can hold");
            }
            family.set(LinuxConstants.AF_UNIX);
            jnr.ffi.Pointer memory = Struct.getMemory(this);
            memory.put(path.offset(), pathBytes, 0, pathBytes.length);
            memory.putByte(path.offset() + pathBytes.length, (byte) 0);
            return (int) path.offset() + pathBytes.length + 1;
        }
    }

    /** {@code struct ucred} (unix(7)): the credentials SO_PEERCRED reports. */
    public static final class Ucred extends Struct {
        final pid_t pid = new pid_t();
        final uid_t uid = new uid_t();
        final gid_t gid = new gid_t();

        Ucred(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct timeval} (setsockopt SO_SNDTIMEO). */
    public static final class Timeval extends Struct {
        final time_t seconds = new time_t();
        final SignedLong microseconds = new SignedLong();

        Timeval(Runtime runtime) {
            super(runtime);
        }
    }

    /** {@code struct pollfd} (poll(2)). */
    public static final class PollFd extends Struct {
        final Signed32 fd = new Signed32();
        final Signed16 events = new Signed16();
        final Signed16 returnedEvents = new Signed16();

        PollFd(Runtime runtime) {
            super(runtime);
        }
    }

    /**
     * {@code struct statx} (statx(2)), whose layout is the same on every architecture; only the
     * fields the backend reads are named, the rest is padding up to the 256 bytes the kernel fills.
     */
    public static final class Statx extends Struct {
        final Unsigned32 mask = new Unsigned32();
        final Unsigned32 blockSize = new Unsigned32();
        final Unsigned64 attributes = new Unsigned64();
        final Unsigned32 linkCount = new Unsigned32();
        final Unsigned32 uid = new Unsigned32();
        final Unsigned32 gid = new Unsigned32();
        final Unsigned16 mode = new Unsigned16();
        final Padding modePadding = new Padding(NativeType.UCHAR, 2);
        final Unsigned64 inode = new Unsigned64();
        final Padding sizesAndTimes = new Padding(NativeType.UCHAR, 88);
        final Unsigned32 rdevMajor = new Unsigned32();
        final Unsigned32 rdevMinor = new Unsigned32();
        final Unsigned32 devMajor = new Unsigned32();
        final Unsigned32 devMinor = new Unsigned32();
        final Padding spare = new Padding(NativeType.UCHAR, 112);

        Statx(Runtime runtime) {
            super(runtime);
        }
    }
}

package dev.servicecall.transport.jnr.linux;

import static dev.servicecall.transport.jnr.linux.LinuxConstants.EWOULDBLOCK;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.LOCK_EX;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.LOCK_NB;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.MODE_LOCK_FILE;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.O_CLOEXEC;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.O_CREAT;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.O_NOFOLLOW;
import static dev.servicecall.transport.jnr.linux.LinuxConstants.O_RDWR;

import dev.servicecall.transport.jnr.NativeCallException;
import dev.servicecall.transport.jnr.linux.NativeStructs.Statx;
import java.nio.file.Path;

/**
 * The exclusive claim on a name: an exclusive {@code flock} on the lock file beside the socket,
 * held for as long as the endpoint lives.
 *
 * <p>The kernel drops the lock when the owning process dies, however it dies, so a crashed owner
 * never blocks the next one; and since flock locks belong to an open file description, a second
 * claim from the same process conflicts too. The lock file is removed on {@link #release()};
 * because another process may have opened it just before, a claim counts only when the locked
 * file is still the one at the path (same device and inode) after locking, else it is retried.
 *
 * <p>Not thread-safe; owned by one endpoint.
 */
final class NameClaim {
    /** Rounds of "locked a file that was just removed" tolerated before giving up. */
    private static final int MAX_ATTEMPTS = 100;

    private final Posix posix;
    private final Path lockFile;
    private final int fd;
    private boolean released;

    private NameClaim(Posix posix, Path lockFile, int fd) {
        this.posix = posix;
        this.lockFile = lockFile;
        this.fd = fd;
    }

    /**
     * Claims the name whose lock file is {@code lockFile}.
     *
     * @return the claim, or {@code null} when a live process (this one included) holds it
     * @throws NativeCallException when the lock file cannot be opened, locked or examined
     */
    static NameClaim acquire(Posix posix, Path lockFile) throws NativeCallException {
        Statx locked = NativeStructs.direct(new Statx(posix.runtime()));
        Statx atPath = NativeStructs.direct(new Statx(posix.runtime()));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int fd = posix.open(lockFile, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, MODE_LOCK_FILE);
            boolean keep = false;
            try {
                int refused = posix.flock(fd, LOCK_EX | LOCK_NB);
                if (refused == EWOULDBLOCK) {
                    return null;
                }
                if (refused != 0) {
                    throw posix.failure("flock", refused, lockFile);
                }
                posix.stat(fd, locked);
                if (posix.stat(lockFile, atPath) && sameFile(locked, atPath)) {
                    keep = true;
                    return new NameClaim(posix, lockFile, fd);
                }
                // The previous owner removed the file between our open and our flock: try again.
            } finally {
                if (!keep) {
                    posix.close(fd);
                }
            }
        }
        throw new NativeCallException("flock", "errno", 0, null,
                lockFile + " was replaced " + MAX_ATTEMPTS + " times while being locked");
    }

    private static boolean sameFile(Statx a, Statx b) {
        return a.inode.get() == b.inode.get() && a.devMajor.get() == b.devMajor.get()
                && a.devMinor.get() == b.devMinor.get();
    }

    /** The lock file. */
    Path lockFile() {
        return lockFile;
    }

    /**
     * Removes the lock file and releases the lock. Call after everything else the claim protects
     * (the socket file) was removed: once this returns, another process may claim the name.
     * Idempotent; never throws.
     */
    void release() {
        if (released) {
            return;
        }
        released = true;
        posix.unlinkQuietly(lockFile);
        posix.close(fd);
    }
}

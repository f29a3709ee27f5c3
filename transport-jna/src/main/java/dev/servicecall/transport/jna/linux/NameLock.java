package dev.servicecall.transport.jna.linux;

import dev.servicecall.transport.jna.NativeCallException;
import java.nio.file.Path;

/**
 * The exclusive claim on one name: an exclusive {@code flock} on {@code NAME.lock}, held through
 * an open descriptor for as long as the name is registered.
 *
 * <p>Why flock: the kernel drops the lock when the owning process dies, however it dies, so a
 * dead owner never blocks the name; and the lock belongs to the open file description, so a
 * second claim from this same process conflicts too (unlike {@code fcntl} locks).
 *
 * <p>The lock file is removed on release, while still locked. A claimant that opened the file
 * just before the removal could lock the orphaned inode afterwards, so a claim counts only when
 * the locked descriptor is still the file at the path (same device and inode); otherwise it opens
 * the path again.
 *
 * <p>Not thread-safe: one owner, released once.
 */
final class NameLock {
    private static final int MAX_ATTEMPTS = 100;

    private final Path path;
    private final int fd;

    private NameLock(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Claims {@code path}.
     *
     * @return the held lock, or null when a live owner (this process or another) holds it
     * @throws NativeCallException when the file cannot be opened, locked or inspected
     */
    static NameLock tryAcquire(Path path) throws NativeCallException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int fd = Syscalls.openLockFile(path);
            boolean keep = false;
            try {
                if (!Syscalls.tryLockExclusive(fd, path)) {
                    return null;
                }
                if (Syscalls.stat(fd).sameFileAs(Syscalls.statIfPresent(path))) {
                    keep = true;
                    return new NameLock(path, fd);
                }
                // we locked a file its previous owner had just removed: try the current one
            } finally {
                if (!keep) {
                    Syscalls.closeQuietly(fd);
                }
            }
        }
        throw NativeCallException.errno("flock", LinuxConstants.EAGAIN, "EAGAIN",
                path + " was replaced " + MAX_ATTEMPTS + " times while being locked");
    }

    Path path() {
        return path;
    }

    /** Removes the lock file, then drops the lock. Call once. */
    void release() {
        try {
            Syscalls.unlinkIfPresent(path);
        } catch (NativeCallException e) {
            // the lock is dropped below either way; a leftover unlocked file blocks nobody
        } finally {
            Syscalls.closeQuietly(fd);
        }
    }
}

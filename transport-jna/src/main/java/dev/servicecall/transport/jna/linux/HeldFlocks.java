package dev.servicecall.transport.jna.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inodes that hold a {@code flock} lock now, read from {@code /proc/locks}: how
 * {@link LinuxBackend#listNames()} tells a live name (its lock file is locked) from a stale one
 * without touching the lock itself. Taking the lock to test it, even for an instant, would make a
 * registration running at that moment fail with OBJECT_NAME_EXISTS.
 *
 * <p>Lines look like {@code 3: FLOCK  ADVISORY  WRITE 27051 fe:00:2154542 0 EOF}; lines with
 * {@code ->} are waiters, not holders, and are skipped, as are POSIX and OFD locks. Locks are
 * matched by inode number alone: the device numbers printed there can differ from what
 * {@code statx} reports (overlay file systems), and a coincidental match on another device can only
 * make a stale name look live, never hide a live one. The kernel shows only the locks of processes
 * in the reader's pid namespace. Immutable.
 */
final class HeldFlocks {
    static final Path PROC_LOCKS = Path.of("/proc/locks");

    private final Set<Long> inodes;

    private HeldFlocks(Set<Long> inodes) {
        this.inodes = inodes;
    }

    /** The locks held now, or null when {@code /proc/locks} cannot be read. */
    static HeldFlocks readOrNull() {
        try {
            return parse(Files.readAllLines(PROC_LOCKS, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses the lines of a {@code /proc/locks} file; lines it does not understand are skipped. */
    static HeldFlocks parse(List<String> lines) {
        Set<Long> held = new HashSet<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 6 || !fields[1].equals("FLOCK")) {
                continue; // a waiter ("->" in field 1), a POSIX or OFD lock, or a line we do not know
            }
            String[] identity = fields[5].split(":");
            if (identity.length != 3) {
                continue;
            }
            try {
                held.add(Long.parseUnsignedLong(identity[2]));
            } catch (NumberFormatException e) {
                // not an inode number: skip the line
            }
        }
        return new HeldFlocks(held);
    }

    /** Whether some process holds a flock on the file with this inode number. */
    boolean isLocked(long inode) {
        return inodes.contains(inode);
    }
}

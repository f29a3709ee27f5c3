package dev.servicecall.transport.jna.linux;

/**
 * What {@code statx} reports about one file, reduced to what the backend checks: type, permission
 * bits, owner, identity (device and inode) and link count. Immutable.
 */
final class FileStatus {
    private final int mode;
    private final long uid;
    private final long inode;
    private final long device;
    private final long links;

    FileStatus(int mode, long uid, long inode, long device, long links) {
        this.mode = mode;
        this.uid = uid;
        this.inode = inode;
        this.device = device;
        this.links = links;
    }

    /** The file type bits ({@code mode & S_IFMT}). */
    int type() {
        return mode & LinuxConstants.S_IFMT;
    }

    boolean isSocket() {
        return type() == LinuxConstants.S_IFSOCK;
    }

    /** The owner's user id. */
    long uid() {
        return uid;
    }

    /** The number of names the file has; 0 once it was unlinked. */
    long links() {
        return links;
    }

    /** The inode number. */
    long inode() {
        return inode;
    }

    /** Whether both describe the same file (same device and inode). */
    boolean sameFileAs(FileStatus other) {
        return other != null && inode == other.inode && device == other.device;
    }

    @Override
    public String toString() {
        return String.format("mode %06o, uid %d, inode %d", mode, uid, inode);
    }
}

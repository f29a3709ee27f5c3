package dev.servicecall.transport.jnr.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.transport.jnr.linux.NativeStructs.SockaddrUn;
import dev.servicecall.transport.jnr.linux.NativeStructs.Statx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jnr.ffi.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The layouts of the structures exchanged with libc (where the names live: UnixNamespaceTest in protocol). */
@EnabledOnOs(OS.LINUX)
class NativeStructsTest {
    @TempDir
    Path temp;

    private final Posix posix = Posix.system();

    @Test
    void statx_layout_is256Bytes_withFieldsAtTheKernelOffsets() {
        Statx statx = new Statx(posix.runtime());
        assertEquals(256, Struct.size(statx));
        assertEquals(20, statx.uid.offset());
        assertEquals(28, statx.mode.offset());
        assertEquals(32, statx.inode.offset());
        assertEquals(136, statx.devMajor.offset());
        assertEquals(140, statx.devMinor.offset());
    }

    @Test
    void statx_readsModeOwnerAndInode_ofAPathAndADescriptor() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Statx byPath = NativeStructs.direct(new Statx(posix.runtime()));
        assertTrue(posix.stat(file, byPath));
        assertEquals(0640, byPath.mode.get() & 07777);
        assertEquals(LinuxConstants.S_IFREG, byPath.mode.get() & LinuxConstants.S_IFMT);
        assertEquals(((Number) Files.getAttribute(file, "unix:uid")).longValue(), byPath.uid.get());
        assertEquals(((Number) Files.getAttribute(file, "unix:ino")).longValue(), byPath.inode.get());
        int fd = posix.open(file, LinuxConstants.O_RDWR | LinuxConstants.O_CLOEXEC, 0);
        try {
            Statx byDescriptor = NativeStructs.direct(new Statx(posix.runtime()));
            posix.stat(fd, byDescriptor);
            assertEquals(byPath.inode.get(), byDescriptor.inode.get());
            assertEquals(byPath.devMajor.get(), byDescriptor.devMajor.get());
            assertEquals(byPath.devMinor.get(), byDescriptor.devMinor.get());
        } finally {
            posix.close(fd);
        }
        assertFalse(posix.stat(temp.resolve("missing"), NativeStructs.direct(new Statx(posix.runtime()))));
    }

    @Test
    void sockaddrUn_familyThenNulTerminatedPath_lengthCounted_tooLongRefused() {
        SockaddrUn address = NativeStructs.direct(new SockaddrUn(posix.runtime()));
        assertEquals(110, Struct.size(address));
        int length = address.set("/tmp/x.sock".getBytes());
        assertEquals(2 + 11 + 1, length);
        var memory = Struct.getMemory(address);
        assertEquals(LinuxConstants.AF_UNIX, memory.getShort(0));
        assertEquals('/', memory.getByte(2));
        assertEquals(0, memory.getByte(13));
        assertThrows(IllegalArgumentException.class, () -> address.set(new byte[108]));
        address.set(new byte[107]); // the longest path that fits with its NUL
    }

    @Test
    void errnoNames_comeFromJnrConstants() {
        assertEquals("ECONNREFUSED", LinuxConstants.errnoName(LinuxConstants.ECONNREFUSED));
        assertEquals("EINTR", LinuxConstants.errnoName(4));
        assertTrue(LinuxConstants.undefinedConstants().isEmpty(), LinuxConstants.undefinedConstants().toString());
    }
}

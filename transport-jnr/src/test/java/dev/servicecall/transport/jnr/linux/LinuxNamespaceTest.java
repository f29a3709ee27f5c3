package dev.servicecall.transport.jnr.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.transport.jnr.linux.NativeStructs.SockaddrUn;
import dev.servicecall.transport.jnr.linux.NativeStructs.Statx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import jnr.ffi.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Where the names live, and the layouts of the structures exchanged with libc. */
@EnabledOnOs(OS.LINUX)
class LinuxNamespaceTest {
    @TempDir
    Path temp;

    private final Posix posix = Posix.system();

    @Test
    void choose_configuredWins() {
        LinuxNamespace chosen = LinuxNamespace.choose(Optional.of(Path.of("/srv/sc/../names")), "/run/user/5", "/tmp",
                5, path -> true);
        assertEquals(Path.of("/srv/names"), chosen.directory());
        assertEquals(Path.of("/srv/names/svc.sock"), chosen.socketFile("svc"));
        assertEquals(Path.of("/srv/names/svc.lock"), chosen.lockFile("svc"));
    }

    @Test
    void choose_privateXdgRuntimeDir_thenTmpPerUid() {
        assertEquals(Path.of("/run/user/5/servicecall"),
                LinuxNamespace.choose(Optional.empty(), "/run/user/5", "/tmp", 5, path -> true).directory());
        assertEquals(Path.of("/tmp/servicecall-5"),
                LinuxNamespace.choose(Optional.empty(), "/run/user/5", "/tmp", 5, path -> false).directory(),
                "an XDG_RUNTIME_DIR that is not private is not used");
        assertEquals(Path.of("/tmp/servicecall-5"),
                LinuxNamespace.choose(Optional.empty(), "relative/dir", "/tmp", 5, path -> true).directory());
        assertEquals(Path.of("/tmp/servicecall-5"),
                LinuxNamespace.choose(Optional.empty(), "", "/tmp", 5, path -> true).directory());
        assertEquals(Path.of("/var/tmp/servicecall-1000"),
                LinuxNamespace.choose(Optional.empty(), null, "/var/tmp", 1000, path -> true).directory());
    }

    @Test
    void isPrivateDirectory_ownedMode0700Only() throws Exception {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path closed = Files.createDirectory(temp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(temp.resolve("link"), closed);
        assertFalse(LinuxNamespace.isPrivateDirectory(posix, open));
        assertTrue(LinuxNamespace.isPrivateDirectory(posix, closed));
        assertFalse(LinuxNamespace.isPrivateDirectory(posix, link));
        assertFalse(LinuxNamespace.isPrivateDirectory(posix, temp.resolve("missing")));
    }

    @Test
    void prepare_createsMissingParents_andTheDirectory0700() throws Exception {
        Path directory = temp.resolve("a/b/ns");
        new LinuxNamespace(directory).prepare(posix);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    }

    @Test
    void prepare_belowARegularFile_isNoMemory() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        StatusException e = assertThrows(StatusException.class, () -> new LinuxNamespace(file.resolve("ns")).prepare(posix));
        assertEquals(NtStatus.NO_MEMORY, e.status(), e.getMessage());
    }

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

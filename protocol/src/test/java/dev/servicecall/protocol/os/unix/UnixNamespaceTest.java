package dev.servicecall.protocol.os.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Choice of the directory, file names, the privacy rule and listing, on the real file system. */
@EnabledOnOs(OS.LINUX)
class UnixNamespaceTest {
    @TempDir
    Path temp;

    private long uid() throws Exception {
        return ((Number) Files.getAttribute(temp, "unix:uid")).longValue();
    }

    private Path directory(String name, String mode) throws Exception {
        Path directory = Files.createDirectory(temp.resolve(name));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(mode));
        return directory;
    }

    @Test
    void choose_configuredWins_normalised_andNamesTheFiles() throws Exception {
        UnixNamespace chosen = UnixNamespace.choose(Optional.of(Path.of("/srv/sc/../names")), temp.toString(), "/tmp", 5);
        assertEquals(Path.of("/srv/names"), chosen.directory());
        assertEquals(Path.of("/srv/names/svc.sock"), chosen.socketFile("svc"));
        assertEquals(Path.of("/srv/names/svc.lock"), chosen.lockFile("svc"));
        assertEquals(5, chosen.uid());
    }

    @Test
    void choose_privateXdgRuntimeDir_elseTmpPerUid() throws Exception {
        long uid = uid();
        Path xdg = directory("xdg", "rwx------");
        assertEquals(xdg.resolve("servicecall"), UnixNamespace.choose(Optional.empty(), xdg.toString(), "/tmp", uid).directory());
        assertEquals(Path.of("/tmp/servicecall-" + uid), UnixNamespace.choose(Optional.empty(), null, "/tmp", uid).directory());
        assertEquals(Path.of("/tmp/servicecall-" + uid), UnixNamespace.choose(Optional.empty(), "", "/tmp", uid).directory());
        assertEquals(Path.of("/tmp/servicecall-" + uid), UnixNamespace.choose(Optional.empty(), "relative", "/tmp", uid).directory());
        assertEquals(Path.of("/tmp/servicecall-" + (uid + 1)),
                UnixNamespace.choose(Optional.empty(), xdg.toString(), "/tmp", uid + 1).directory(), "not owned by that uid");
        Path open = directory("open", "rwxr-xr-x");
        assertEquals(Path.of("/var/tmp/servicecall-" + uid),
                UnixNamespace.choose(Optional.empty(), open.toString(), "/var/tmp", uid).directory(), "not private");
    }

    @Test
    void privacyProblem_ownedDirectoryGrantingNothingToGroupAndOthers_only() throws Exception {
        long uid = uid();
        Path closed = directory("closed", "rwx------");
        assertNull(UnixNamespace.privacyProblem(closed, uid));
        assertTrue(UnixNamespace.privacyProblem(directory("group", "rwxr-x---"), uid).contains("0750"));
        assertTrue(UnixNamespace.privacyProblem(Files.createSymbolicLink(temp.resolve("link"), closed), uid)
                .contains("symbolic link"));
        assertTrue(UnixNamespace.privacyProblem(Files.writeString(temp.resolve("file"), "x"), uid).contains("not a directory"));
        assertTrue(UnixNamespace.privacyProblem(closed, uid + 1).contains("belongs to uid " + uid));
        assertTrue(UnixNamespace.privacyProblem(temp.resolve("missing"), uid).contains("does not exist"));
    }

    @Test
    void prepare_createsMissingParents_andTheDirectory0700_idempotent() throws Exception {
        UnixNamespace namespace = new UnixNamespace(temp.resolve("a/b/ns"), uid());
        namespace.prepare();
        namespace.prepare();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(namespace.directory())));
    }

    @Test
    void prepare_belowARegularFile_orNotPrivate_isNoMemory() throws Exception {
        Path file = Files.writeString(temp.resolve("file"), "x");
        StatusException below = assertThrows(StatusException.class, () -> new UnixNamespace(file.resolve("ns"), uid()).prepare());
        assertEquals(NtStatus.NO_MEMORY, below.status(), below.getMessage());
        Path open = directory("open", "rwxrwxrwx");
        StatusException notPrivate = assertThrows(StatusException.class, () -> new UnixNamespace(open, uid()).prepare());
        assertEquals(NtStatus.NO_MEMORY, notPrivate.status());
        assertTrue(notPrivate.getMessage().contains("0777"), notPrivate.getMessage());
    }

    @Test
    void checkBeforeConnect_missingIsNotRegistered_notPrivateIsUnsuccessful() throws Exception {
        StatusException missing = assertThrows(StatusException.class,
                () -> new UnixNamespace(temp.resolve("missing"), uid()).checkBeforeConnect("svc"));
        assertEquals(NtStatus.INVALID_PARAMETER_1, missing.status());
        StatusException open = assertThrows(StatusException.class,
                () -> new UnixNamespace(directory("open", "rwxr-xr-x"), uid()).checkBeforeConnect("svc"));
        assertEquals(NtStatus.UNSUCCESSFUL, open.status());
        new UnixNamespace(directory("closed", "rwx------"), uid()).checkBeforeConnect("svc");
    }

    @Test
    void listNames_socketFilesWithValidNames_sorted_unlockedOrLocklessAreStale() throws Exception {
        UnixNamespace namespace = new UnixNamespace(temp.resolve("ns"), uid());
        assertEquals(List.of(), namespace.listNames(), "a missing name space is empty");
        namespace.prepare();
        Files.createFile(namespace.socketFile("Zeta"));
        Files.createFile(namespace.socketFile("alpha"));
        Files.createFile(namespace.lockFile("alpha")); // present but nobody flocks it
        Files.createFile(namespace.directory().resolve("bad name.sock"));
        Files.createFile(namespace.directory().resolve("other.txt"));
        Files.createFile(namespace.lockFile("lockOnly"));
        List<BoundName> names = namespace.listNames();
        assertEquals(List.of("Zeta", "alpha"), names.stream().map(BoundName::name).toList());
        assertTrue(names.get(0).isStale(), "no lock file: stale");
        assertEquals(HeldFlocks.readOrNull() != null, names.get(1).isStale(), "an unlocked lock file is stale when /proc/locks tells");
    }

    @Test
    void listNames_notPrivate_isUnsuccessful() throws Exception {
        StatusException e = assertThrows(StatusException.class,
                () -> new UnixNamespace(directory("open", "rwxr-xr-x"), uid()).listNames());
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("0755"), e.getMessage());
    }
}

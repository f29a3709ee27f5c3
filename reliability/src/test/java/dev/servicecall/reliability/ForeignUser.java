package dev.servicecall.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs child JVMs as another OS user ({@code nobody}) with {@code setpriv}, when this process is
 * root. The test class path usually lies where {@code nobody} cannot read it (the Maven repository
 * under {@code /root}), so it is copied once into a directory every user may read; the child also
 * gets a temporary directory of its own (for JNA's and jffi's native stubs and its default name
 * space). {@link #unusableBecause()} says why it cannot be done here, for a skipped test's reason.
 * {@link #close()} deletes the copies. Not thread-safe.
 */
final class ForeignUser implements AutoCloseable {
    static final String USER = "nobody";
    private static final Set<PosixFilePermission> READABLE_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path root;
    private final String classPath;
    private final Path tmp;

    private ForeignUser(Path root, String classPath, Path tmp) {
        this.root = root;
        this.classPath = classPath;
        this.tmp = tmp;
    }

    /** Why a foreign user cannot be simulated here, or empty when it can. */
    static Optional<String> unusableBecause() {
        if (!ProcessResources.supported()) {
            return Optional.of("not Linux (no /proc)");
        }
        if (!"0".equals(currentUid())) {
            return Optional.of("only root can run a process as another user, this test runs as uid " + currentUid());
        }
        if (!Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return Optional.of("setpriv (util-linux) is not installed");
        }
        if (group().isEmpty() || !lineStartingWith(Path.of("/etc/passwd"), USER + ":")) {
            return Optional.of("there is no user '" + USER + "' with a group 'nogroup' or 'nobody'");
        }
        for (Path dir = Path.of(System.getProperty("java.home")); dir != null; dir = dir.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Optional.of("the JDK at " + System.getProperty("java.home") + " is not reachable by other users ("
                            + dir + " grants them nothing)");
                }
            } catch (IOException e) {
                return Optional.of("cannot inspect " + dir + ": " + e);
            }
        }
        return Optional.empty();
    }

    /** Copies the class path into a new world-readable directory. Call only when {@link #unusableBecause()} is empty. */
    static ForeignUser prepare() throws IOException {
        Path root = Files.createTempDirectory("servicecall-foreign-");
        Files.setPosixFilePermissions(root, READABLE_DIRECTORY);
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = root.resolve("cp" + index++ + (Files.isDirectory(source) ? "" : "-" + source.getFileName()));
            copyReadable(source, target);
            entries.add(target.toString());
        }
        Path tmp = Files.createDirectory(root.resolve("tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        return new ForeignUser(root, String.join(java.io.File.pathSeparator, entries), tmp);
    }

    /** A child JVM running {@code mainClass} as {@link #USER}, or as this user when {@code asForeignUser} is false. */
    ChildJvm.Spec spec(Class<?> mainClass, boolean asForeignUser) {
        ChildJvm.Spec spec = new ChildJvm.Spec(mainClass)
                .classPath(classPath)
                .workingDirectory(tmp)
                .jvmOptions("-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp, "-Djffi.extract.dir=" + tmp,
                        "-Duser.home=" + tmp)
                .environment("HOME", tmp.toString())
                .environment("XDG_RUNTIME_DIR", "");
        if (asForeignUser) {
            spec.runAs(List.of("/usr/bin/setpriv", "--reuid=" + USER, "--regid=" + group().orElseThrow(), "--clear-groups"));
        }
        return spec;
    }

    /** Where child logs go. */
    Path logDirectory() {
        return root;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void copyReadable(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, READABLE_FILE);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                Files.createDirectories(copy);
                Files.setPosixFilePermissions(copy, READABLE_DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, READABLE_FILE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Optional<String> group() {
        for (String candidate : List.of("nogroup", "nobody")) {
            if (lineStartingWith(Path.of("/etc/group"), candidate + ":")) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean lineStartingWith(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith(prefix));
        } catch (IOException e) {
            return false;
        }
    }

    static String currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1];
                }
            }
            return "?";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

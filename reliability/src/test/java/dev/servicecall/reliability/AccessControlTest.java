package dev.servicecall.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.reliability.NativeTransports.NativeTransport;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 6: "By default names are private to the OS user", and names cannot leave the name
 * space.
 *
 * <p>Decision (docs/reliability.md): another user's client that is pointed at this user's name
 * space gets {@code UNSUCCESSFUL}, with a message naming the name-space directory it may not use
 * (it can tell that the directory is there but not its own; it cannot tell which names exist);
 * with its own default name space it gets {@code INVALID_PARAMETER_1} (name spaces are per user:
 * the name does not exist there). And a client that skips the library and connects to the socket
 * file directly is refused by the kernel ({@code EACCES}), by the directory's mode 0700 and, if
 * the directory were opened up, by the socket's own mode 0600.
 *
 * <p>The foreign user is {@code nobody}, through {@code setpriv}; this needs root (as CI runs), and
 * is skipped with the reason otherwise. A control run of the same child as this user must succeed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AccessControlTest {
    private static final Duration CHILD_BOUND = Duration.ofSeconds(60);
    private static final String NAME = "Guarded";
    private static ForeignUser foreignUser;
    private static Optional<String> noForeignUser;

    @TempDir
    Path workDir;

    @BeforeAll
    static void prepareForeignUser() throws IOException {
        noForeignUser = ForeignUser.unusableBecause();
        if (noForeignUser.isEmpty()) {
            foreignUser = ForeignUser.prepare();
        }
    }

    @AfterAll
    static void deleteForeignUserFiles() throws IOException {
        if (foreignUser != null) {
            foreignUser.close();
        }
    }

    private TransportConfig config() {
        return TransportConfig.empty().with(TransportConfig.NAMESPACE, namespace().toString());
    }

    private Path namespace() {
        return workDir.resolve("ns");
    }

    private static ServiceCallSession serve(NativeTransport transport, TransportConfig config) throws ServiceCallException {
        ServiceCallSession service = ServiceCall.open(transport.provider(), config);
        service.initialize();
        service.register(NAME, Fixture.PLUS.signature(), call -> {
            call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
            return 0;
        });
        return service;
    }

    @SuppressWarnings("try") // the service only has to stay registered during the test
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void namespaceDirectoryIs0700_socketAndLockFile0600_ownedByThisUser(NativeTransport transport) throws Exception {
        transport.assumeAvailable();
        try (ServiceCallSession service = serve(transport, config())) {
            assertEquals("rwx------", mode(namespace()), "the name-space directory");
            assertEquals(Files.getOwner(workDir), Files.getOwner(namespace()), "owned by this user");
            List<Path> sockets = listMatching(".sock");
            assertEquals(1, sockets.size(), "one socket for the registered name: " + sockets);
            assertEquals("rw-------", mode(sockets.get(0)), "the socket " + sockets.get(0));
            for (Path other : listMatching("")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(other);
                assertTrue(permissions.stream().allMatch(p -> p.name().startsWith("OWNER")),
                        other + " grants something to group or others: " + PosixFilePermissions.toString(permissions));
            }
            new Figures("access-modes", transport.name())
                    .put("name-space directory", mode(namespace()))
                    .put("files in it", listMatching("").stream().map(p -> p.getFileName() + " " + modeQuietly(p))
                            .collect(Collectors.joining(", ")))
                    .publish();
        }
    }

    @SuppressWarnings("try") // the service only has to stay registered during the test
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void anotherUser_cannotCall_unsuccessfulInOurNamespace_invalidParameter1InItsOwn_rawConnectDenied(
            NativeTransport transport) throws Exception {
        transport.assumeAvailable();
        assumeTrue(noForeignUser.isEmpty(), () -> "cannot run a client as another user: " + noForeignUser.orElse(""));
        try (ServiceCallSession service = serve(transport, config())) {
            Path socket = listMatching(".sock").get(0);
            Attempts control = attempts(transport, socket, false);
            assertEquals("0", control.uid);
            assertTrue(control.serviceNamespace.startsWith("SUCCESS 0x00000000 42"),
                    "control: the same child as this user calls the service: " + control.serviceNamespace);
            assertEquals("CONNECTED", control.raw, "control: the same child as this user connects");

            Attempts foreign = attempts(transport, socket, true);
            assertEquals("65534", foreign.uid, "the child runs as " + ForeignUser.USER);
            assertTrue(foreign.serviceNamespace.startsWith(NtStatus.hex(NtStatus.UNSUCCESSFUL))
                    && foreign.serviceNamespace.contains(namespace().toString()),
                    "pointed at this user's name space: UNSUCCESSFUL naming the directory, got: " + foreign.serviceNamespace);
            assertTrue(foreign.ownNamespace.startsWith(NtStatus.hex(NtStatus.INVALID_PARAMETER_1)),
                    "in its own name space the name does not exist: INVALID_PARAMETER_1, got: " + foreign.ownNamespace);
            assertTrue(foreign.raw.contains("Permission denied"), "the kernel refuses a direct connect: " + foreign.raw);
            new Figures("access-foreign-user", transport.name())
                    .put("as " + ForeignUser.USER + ", service's name space", foreign.serviceNamespace)
                    .put("as " + ForeignUser.USER + ", own name space", foreign.ownNamespace)
                    .put("as " + ForeignUser.USER + ", direct connect to the socket", foreign.raw)
                    .put("control as this user", control.serviceNamespace + "; direct connect " + control.raw)
                    .publish();
        }
    }

    @SuppressWarnings("try") // the service only has to stay registered during the test
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void anotherUser_socketMode0600AloneDeniesTheConnect_evenWithTheDirectoryOpenedUp(NativeTransport transport)
            throws Exception {
        transport.assumeAvailable();
        assumeTrue(noForeignUser.isEmpty(), () -> "cannot run a client as another user: " + noForeignUser.orElse(""));
        try (ServiceCallSession service = serve(transport, config())) {
            Path socket = listMatching(".sock").get(0);
            Set<PosixFilePermission> workMode = Files.getPosixFilePermissions(workDir);
            Set<PosixFilePermission> namespaceMode = Files.getPosixFilePermissions(namespace());
            String raw;
            try {
                Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwx--x--x"));
                Files.setPosixFilePermissions(namespace(), PosixFilePermissions.fromString("rwx--x--x"));
                raw = rawAttempt(socket);
            } finally {
                Files.setPosixFilePermissions(namespace(), namespaceMode);
                Files.setPosixFilePermissions(workDir, workMode);
            }
            assertTrue(raw.contains("Permission denied"), "the socket's mode 0600 alone refuses " + ForeignUser.USER
                    + ": " + raw);
            new Figures("access-socket-mode", transport.name())
                    .put("as " + ForeignUser.USER + ", direct connect with the directories opened to --x for others", raw)
                    .publish();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void namesThatTryToLeaveTheNamespace_areObjectNameInvalid_andCreateNothing(NativeTransport transport) throws Exception {
        transport.assumeAvailable();
        Path outside = workDir.resolve("outside");
        List<String> names = List.of("../x", "/abs", outside.resolve("abs").toString(), "..", ".", ".hidden", "a/b",
                "ns/../x", "a\\b", "a\u0000b", "\u0000", "x".repeat(65), "", " ", "caf\u00e9", "a:b");
        try (ServiceCallSession service = serve(transport, config())) {
            Files.createDirectories(outside);
            Set<String> before = tree();
            boolean rootFilesBefore = Files.exists(Path.of("/abs.sock")) || Files.exists(Path.of("/abs.lock"));
            for (String name : names) {
                String shown = name.replace("\u0000", "\\0");
                try {
                    service.register(name, Fixture.PLUS.signature(), call -> 0);
                    throw new AssertionError("'" + shown + "' was registered");
                } catch (ServiceCallException e) {
                    assertEquals(NtStatus.OBJECT_NAME_INVALID, e.status(), "register '" + shown + "': " + e.getMessage());
                }
                try {
                    service.call(name, Parameter.dword(1), Parameter.dword(2), Parameter.pointer(new byte[4]));
                    throw new AssertionError("'" + shown + "' was called");
                } catch (ServiceCallException e) {
                    assertEquals(NtStatus.OBJECT_NAME_INVALID, e.status(), "call '" + shown + "': " + e.getMessage());
                }
            }
            assertEquals(before, tree(), "nothing was created or removed, inside the name space or outside it");
            assertFalse(!rootFilesBefore && (Files.exists(Path.of("/abs.sock")) || Files.exists(Path.of("/abs.lock"))),
                    "nothing was created at the file-system root");
            new Figures("namespace-escape", transport.name())
                    .put("names refused with OBJECT_NAME_INVALID (register and call)", names.size())
                    .put("files under the test directory before and after", before.size() + " and " + tree().size())
                    .publish();
        }
    }

    private record Attempts(String uid, String serviceNamespace, String ownNamespace, String raw) {
    }

    private Attempts attempts(NativeTransport transport, Path socket, boolean asForeignUser) throws Exception {
        try (ChildJvm child = foreignUser.spec(ForeignUserMain.class, asForeignUser)
                .args("all", transport.providerClass(), namespace().toString(), NAME, socket.toString())
                .start(foreignUser.logDirectory().resolve("child-" + System.nanoTime() + ".log"))) {
            return new Attempts(child.awaitLine("UID", CHILD_BOUND), child.awaitLine("SERVICE_NAMESPACE", CHILD_BOUND),
                    child.awaitLine("OWN_NAMESPACE", CHILD_BOUND), child.awaitLine("RAW", CHILD_BOUND));
        }
    }

    private String rawAttempt(Path socket) throws Exception {
        try (ChildJvm child = foreignUser.spec(ForeignUserMain.class, true).args("raw", socket.toString())
                .start(foreignUser.logDirectory().resolve("child-" + System.nanoTime() + ".log"))) {
            assertEquals("65534", child.awaitLine("UID", CHILD_BOUND));
            return child.awaitLine("RAW", CHILD_BOUND);
        }
    }

    private List<Path> listMatching(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(namespace())) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        }
    }

    private Set<String> tree() throws IOException {
        try (Stream<Path> paths = Files.walk(workDir)) {
            return paths.map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String modeQuietly(Path path) {
        try {
            return mode(path);
        } catch (IOException e) {
            return "?";
        }
    }
}

package dev.servicecall.transport.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.CallReport;
import dev.servicecall.tck.fixture.ChildProcessServiceSide;
import dev.servicecall.tck.fixture.Fixture;
import dev.servicecall.tck.fixture.IdentityReport;
import dev.servicecall.tck.fixture.ServiceSideMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's cross-process mechanism, with the in-memory transport inside the child (its routines
 * are reachable only from within the child, which is all the control channel needs): a child JVM
 * on this class path, the line protocol, and that the child never outlives its test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildProcessServiceSideTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path workDir;

    private ChildProcessServiceSide child;
    private Process raw;
    private final ExecutorService readers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "raw-child-reader");
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void destroyChildren() throws InterruptedException {
        if (child != null) {
            child.close();
            assertFalse(child.process().isAlive(), "the child is gone after close()");
        }
        if (raw != null) {
            raw.destroyForcibly();
            raw.waitFor(10, TimeUnit.SECONDS);
        }
        readers.shutdownNow();
    }

    private ChildProcessServiceSide startChild() throws ServiceCallException {
        return ChildProcessServiceSide.start(InMemoryTransportProvider.class.getName(),
                TransportConfig.empty().with(TransportConfig.NAMESPACE, "child-test"), workDir, List.of(), START);
    }

    @Test
    void rawProtocol_readyWithPid_registerOk_duplicateIsObjectNameExists_exit() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ServiceSideMain.class.getName(),
                "--parent", Long.toString(ProcessHandle.current().pid()), InMemoryTransportProvider.class.getName(),
                TransportConfig.NAMESPACE + "=raw");
        raw = new ProcessBuilder(command).redirectError(workDir.resolve("raw.log").toFile()).start();
        BufferedReader replies = new BufferedReader(new InputStreamReader(raw.getInputStream(), StandardCharsets.UTF_8));
        Writer commands = new OutputStreamWriter(raw.getOutputStream(), StandardCharsets.UTF_8);

        assertEquals("READY " + raw.pid(), readLine(replies, START));
        assertEquals("OK", exchange(commands, replies, "register r1 PLUS"));
        String duplicate = exchange(commands, replies, "register r1 STATUS 84");
        assertTrue(duplicate.startsWith("ERR 0x40000000 "), duplicate);
        assertTrue(exchange(commands, replies, "register r2 STATUS 94").startsWith("ERR 0xC00000F1 "));
        assertEquals("OK", exchange(commands, replies, "unregister r1"));
        assertTrue(exchange(commands, replies, "unregister r1").startsWith("ERR 0xC000000D "));
        assertTrue(exchange(commands, replies, "no-such-command").startsWith("ERR 0xC000000D "));
        assertEquals("OK", exchange(commands, replies, "exit"));
        assertTrue(raw.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the child exits after 'exit'");
        assertEquals(0, raw.exitValue());
    }

    @Test
    void child_runsInItsOwnProcess_andRegistersFixtures() throws Exception {
        child = startChild();
        assertNotEquals(ProcessHandle.current().pid(), child.pid());
        assertEquals(child.process().pid(), child.pid());
        assertTrue(child.isOtherProcess());
        child.register("plus", Fixture.PLUS);
        ServiceCallException taken = assertThrows(ServiceCallException.class, () -> child.register("plus", Fixture.STATUS));
        assertEquals(NtStatus.OBJECT_NAME_EXISTS, taken.status(), taken.getMessage());
        ServiceCallException invalid = assertThrows(ServiceCallException.class,
                () -> child.register("bad", Fixture.STATUS, Signature.of(ParameterMask.raw(0x94))));
        assertEquals(NtStatus.INVALID_PARAMETER_3, invalid.status(), invalid.getMessage());
        child.register("none", Fixture.FILL_INDEX, Signature.of());
        ServiceCallException noneTaken = assertThrows(ServiceCallException.class,
                () -> child.register("none", Fixture.FILL_INDEX, Signature.of()));
        assertEquals(NtStatus.OBJECT_NAME_EXISTS, noneTaken.status(), noneTaken.getMessage());
        child.unregister("plus");
        ServiceCallException twice = assertThrows(ServiceCallException.class, () -> child.unregister("plus"));
        assertEquals(NtStatus.INVALID_PARAMETER, twice.status(), twice.getMessage());
    }

    @Test
    void child_callsFromItsOwnSession_reportIdentityOfTheChild() throws Exception {
        child = startChild();
        child.register("who", Fixture.IDENTITY);
        CallReport call = child.callFromHere("who", 42, BOUND);
        assertTrue(call.isReturned(), call.toString());
        assertEquals(0, call.status());
        IdentityReport report = IdentityReport.read(call.out());
        assertEquals(42, report.tag());
        assertEquals(child.pid(), report.clientPid(), report.toString());
        assertEquals(child.pid(), report.servicePid(), report.toString());
        assertTrue(report.processPresent() && report.processPidMatches() && report.currentMatchesClient(), report.toString());

        CallReport unknown = child.callFromHere("nobody", 1, BOUND);
        assertFalse(unknown.isReturned());
        assertEquals(NtStatus.INVALID_PARAMETER_1, unknown.status(), unknown.toString());
    }

    @Test
    void child_holdsAndReleasesRoutines_countingEntriesAndReturns() throws Exception {
        child = startChild();
        child.register("hold", Fixture.HOLD, Fixture.IDENTITY.signature());
        child.callFromHereInBackground("hold", 1);
        child.callFromHereInBackground("hold", 2);
        assertTrue(child.awaitEntered("hold", 2, BOUND), child.diagnostics());
        assertEquals(2, child.enteredCount("hold"));
        assertFalse(child.awaitReturned("hold", 1, Duration.ofMillis(200)), "held calls do not return before release");
        child.release("hold");
        assertTrue(child.awaitReturned("hold", 2, BOUND), child.diagnostics());
    }

    @Test
    void child_killed_isGoneAndReportedByTheNextExchange() throws Exception {
        child = startChild();
        child.kill();
        assertFalse(child.process().isAlive());
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> child.register("x", Fixture.PLUS));
        assertTrue(gone.getMessage().contains("pid " + child.pid()), gone.getMessage());
    }

    @Test
    void child_exitsWhenItsStdinEnds() throws Exception {
        child = startChild();
        child.process().getOutputStream().close();
        assertTrue(child.process().waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), "the child exits at end of stdin");
    }

    @Test
    void child_withUnknownProviderClass_failsToStartWithTheReason() {
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> ChildProcessServiceSide.start(
                "dev.servicecall.NoSuchProvider", TransportConfig.empty(), workDir, List.of(), START));
        assertTrue(failed.getMessage().contains("exited before it was ready")
                && failed.getMessage().contains("ClassNotFoundException"), failed.getMessage());
    }

    private String exchange(Writer commands, BufferedReader replies, String command) throws Exception {
        commands.write(command + "\n");
        commands.flush();
        return readLine(replies, BOUND);
    }

    private String readLine(BufferedReader replies, Duration bound) throws Exception {
        Future<String> line = readers.submit(replies::readLine);
        return line.get(bound.toSeconds(), TimeUnit.SECONDS);
    }
}

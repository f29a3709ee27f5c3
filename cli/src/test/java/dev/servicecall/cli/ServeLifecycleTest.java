package dev.servicecall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code servicecall serve --demo}: stopping cleanly on SIGTERM, stale names after SIGKILL, stopping in-process. */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeLifecycleTest {
    @TempDir
    Path temp;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    private String namespace() {
        return temp.resolve("ns").toString();
    }

    private ToolRun tool(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--transport", "jna", "--namespace", namespace()))
                .toArray(String[]::new);
        return ToolRun.run(all);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(namespace()))) {
            return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void sigterm_unregistersEveryRoutine_andFreesTheNames() throws Exception {
        try (ChildTool service = ChildTool.start("serve", "--demo", "--transport", "jna", "--namespace", namespace())) {
            service.awaitLine(ServeCommand.READY, ChildTool.START);
            assertEquals(ExitCodes.OK, tool("call", "ServerPlusInt", "dword:1", "dword:1", "ptr:4").exitCode);

            int exit = service.terminate(Duration.ofSeconds(20));
            assertEquals(143, exit, "128 + SIGTERM: the JVM ran its shutdown hooks");
            List<String> rest = service.remainingLines();
            assertTrue(rest.contains("stopped: unregistered ServerPlusInt, ServerDecInt, QuerySystemInformation"),
                    rest.toString());
        }
        assertEquals(List.of(), files(), "no socket or lock file left");
        ToolRun list = tool("list");
        assertEquals(ExitCodes.OK, list.exitCode, list.toString());
        assertTrue(list.out.startsWith("no routines are registered in "), list.toString());
    }

    @Test
    void sigkill_leavesStaleNames_listMarksThem_andTheNextServeClearsThem() throws Exception {
        try (ChildTool service = ChildTool.start("serve", "--demo", "--transport", "jna", "--namespace", namespace())) {
            service.awaitLine(ServeCommand.READY, ChildTool.START);
            service.kill();
        }
        ToolRun stale = tool("list");
        assertEquals(ExitCodes.OK, stale.exitCode, stale.toString());
        String[] lines = stale.out.split("\n");
        for (int i = 1; i <= 3; i++) {
            assertTrue(lines[i].matches("\\S+ +- +- +stale: left by a process that died; the next registration of the"
                    + " name clears it"), stale.toString());
        }
        ToolRun call = tool("call", "ServerPlusInt", "dword:1", "dword:1", "ptr:4");
        assertEquals(ExitCodes.FAILED, call.exitCode, call.toString());
        assertTrue(call.out.contains("STATUS_INVALID_PARAMETER_1"), call.toString());

        try (ChildTool again = ChildTool.start("serve", "--demo", "--transport", "jna", "--namespace", namespace())) {
            again.awaitLine(ServeCommand.READY, ChildTool.START);
            ToolRun live = tool("list");
            assertTrue(live.out.contains("ServerPlusInt  " + again.pid()) || live.out.matches("(?s).*ServerPlusInt +"
                    + again.pid() + " .*"), live.toString());
            assertTrue(!live.out.contains("stale"), live.toString());
        }
    }

    @Test
    void inProcess_serveUntilTheStopSignal_thenUnregister_exit0() throws Exception {
        ToolRun.TestStop stop = new ToolRun.TestStop();
        Future<ToolRun> serving = threads.submit(() -> ToolRun.run(stop, "serve", "--demo", "--quiet", "--transport",
                "jna", "--namespace", namespace()));
        ToolRun call = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) { // the names appear once serve registered them
            call = tool("call", "ServerPlusInt", "dword:20", "dword:22", "ptr:4");
            if (call.exitCode == ExitCodes.OK) {
                break;
            }
            assertTrue(!serving.isDone(), "serve ended early: " + (serving.isDone() ? serving.get() : ""));
            Thread.sleep(50); // polling for a process-external effect (a registered name), bounded by the deadline
        }
        assertEquals(ExitCodes.OK, call.exitCode, call.toString());
        assertTrue(call.out.contains("(u32 LE 42)"), call.toString());

        stop.stop.countDown();
        ToolRun served = serving.get(20, TimeUnit.SECONDS);
        assertEquals(ExitCodes.OK, served.exitCode, served.toString());
        assertTrue(served.out.contains("stopped: unregistered ServerPlusInt, ServerDecInt, QuerySystemInformation"),
                served.toString());
        assertTrue(!served.out.contains("[service]"), "--quiet logs no calls\n" + served);
        assertEquals(0, stop.cleanedUp.getCount());
        assertEquals(List.of(), files());
    }
}

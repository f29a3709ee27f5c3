package dev.servicecall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * list, call and bench run in this JVM (captured output) against {@code servicecall serve --demo}
 * running in a child JVM with a name space of its own.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliEndToEndTest {
    @TempDir
    static Path temp;

    private static String namespace;
    private static ChildTool service;

    @BeforeAll
    static void startService() throws Exception {
        namespace = temp.resolve("ns").toString();
        service = ChildTool.start("serve", "--demo", "--transport", "jna", "--namespace", namespace);
        String ready = service.awaitLine(ServeCommand.READY, ChildTool.START);
        assertTrue(ready.contains("ServerPlusInt, ServerDecInt, QuerySystemInformation over jna as pid " + service.pid()),
                ready);
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static ToolRun tool(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--transport";
        all[args.length + 1] = "jna";
        all[args.length + 2] = "--namespace";
        all[args.length + 3] = namespace;
        return ToolRun.run(all);
    }

    private static void assertContains(ToolRun run, String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in:\n" + run);
        }
    }

    @Test
    void list_showsTheDemoRoutines_withTheServicePidProtocolAndSignatures() {
        ToolRun run = tool("list");
        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        String pid = Long.toString(service.pid());
        String[] lines = run.out.split("\n");
        assertTrue(lines[0].matches("NAME +PID +PROTOCOL +SIGNATURE"), run.toString());
        assertTrue(lines[1].matches("QuerySystemInformation +" + pid
                + " +1\\.0\\.\\.1\\.1 +\\(DWORD, NULLABLE_POINTER, DWORD, NULLABLE_POINTER\\)"), run.toString());
        assertTrue(lines[2].matches("ServerDecInt +" + pid + " +1\\.0\\.\\.1\\.1 +\\(DWORD, DWORD, POINTER\\)"), run.toString());
        assertTrue(lines[3].matches("ServerPlusInt +" + pid + " +1\\.0\\.\\.1\\.1 +\\(DWORD, DWORD, POINTER\\)"), run.toString());
        assertTrue(lines[4].startsWith("3 names in native wire protocol 1.0..1.1 over Linux AF_UNIX via JNA in "),
                run.toString());
        assertEquals("", run.err);
    }

    @Test
    void call_serverPlusInt_printsBothStatusesAndTheBufferInHex_andTheServiceSeesOurPid() throws Exception {
        ToolRun run = tool("call", "ServerPlusInt", "dword:40", "dword:2", "ptr:4");
        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertEquals("call ServerPlusInt(dword:40, dword:2, ptr:4) over jna\n"
                + "transport status: 0x00000000 STATUS_SUCCESS\n"
                + "service status:   0x00000000 STATUS_SUCCESS\n"
                + "parameter 2, POINTER, 4 bytes (u32 LE 42):\n"
                + "  00000000  2a 00 00 00                                       |*...|\n", run.out);
        service.awaitLine("[service] ServerPlusInt called by client pid " + ProcessHandle.current().pid(),
                ChildTool.START);
    }

    @Test
    void call_serverDecInt_negativeResult_andInitialBufferBytesAreOverwritten() {
        ToolRun run = tool("call", "ServerDecInt", "dword:1", "dword:3", "ptr:hex:aabbccdd");
        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertContains(run, run.out, "parameter 2, POINTER, 4 bytes (u32 LE 4294967294, i32 -2):",
                "00000000  fe ff ff ff");
    }

    @Test
    void call_querySystemInformation_failureServiceStatusIsPrinted_butTheCallSucceeded() {
        ToolRun run = tool("call", "QuerySystemInformation", "dword:5", "nullptr", "dword:0", "nptr:4");
        assertEquals(ExitCodes.OK, run.exitCode, "the routine ran: exit 0 whatever its service status\n" + run);
        assertContains(run, run.out, "transport status: 0x00000000 STATUS_SUCCESS", "service status:   0xC0000004",
                "parameter 1, NULLABLE_POINTER: null", "parameter 3, NULLABLE_POINTER, 4 bytes (u32 LE ");
        Matcher needed = Pattern.compile("u32 LE (\\d+)\\)").matcher(run.out);
        assertTrue(needed.find(), run.toString());
        int length = Integer.parseInt(needed.group(1));
        assertTrue(length > 0, run.toString());

        ToolRun full = tool("call", "QuerySystemInformation", "dword:5", "nptr:" + (length + 4096),
                "dword:" + (length + 4096), "nullptr", "--dump-limit", "64");
        assertEquals(ExitCodes.OK, full.exitCode, full.toString());
        assertContains(full, full.out, "service status:   0x00000000 STATUS_SUCCESS", "more bytes (--dump-limit 0 prints all)");
    }

    @Test
    void call_unknownName_isInvalidParameter1_exit1_hintSuggestsList() {
        ToolRun run = tool("call", "ServerTimesInt", "dword:1");
        assertEquals(ExitCodes.FAILED, run.exitCode, run.toString());
        assertContains(run, run.out, "transport status: 0xC00000EF STATUS_INVALID_PARAMETER_1",
                "no routine 'ServerTimesInt' is registered", "service status:   none");
        assertContains(run, run.err, "hint: no routine of that name is registered", "`servicecall list`");
    }

    @Test
    void call_wrongSignature_isInvalidParameter2_exit1_showsTheRegisteredSignature() {
        ToolRun run = tool("call", "ServerPlusInt", "qword:1", "dword:2", "ptr:4");
        assertEquals(ExitCodes.FAILED, run.exitCode, run.toString());
        assertContains(run, run.out, "transport status: 0xC00000F0 STATUS_INVALID_PARAMETER_2",
                "registered with signature (DWORD, DWORD, POINTER), the call has (QWORD, DWORD, POINTER)");
        assertContains(run, run.err, "registered: ServerPlusInt(DWORD, DWORD, POINTER); for example: servicecall call"
                + " ServerPlusInt dword:0 dword:0 ptr:16");

        ToolRun nonNullable = tool("call", "ServerPlusInt", "dword:1", "dword:2", "mask:0x40:null");
        assertEquals(ExitCodes.FAILED, nonNullable.exitCode, nonNullable.toString());
        assertContains(nonNullable, nonNullable.out, "STATUS_INVALID_PARAMETER_2");
    }

    @Test
    void bench_argumentsFromTheRegisteredSignature_percentilesHistogramAndCallsPerSecond() {
        ToolRun run = tool("bench", "ServerPlusInt", "--calls", "300", "--warmup", "20");
        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertContains(run, run.out, "arguments from the registered signature: dword:0 dword:0 ptr:16",
                "bench ServerPlusInt(dword:0, dword:0, ptr:16) over jna: 300 calls on 1 thread after 20 warm-up calls",
                "calls/s", "min ", "p50 ", "p90 ", "p99 ", "p99.9 ", "max ", "histogram of round trips:");
        assertTrue(Pattern.compile("300 calls in [0-9.]+ s: \\d+ calls/s").matcher(run.out).find(), run.toString());
        long counted = Stream.of(run.out.split("\n")).filter(line -> line.contains("|"))
                .mapToLong(line -> Long.parseLong(line.substring(line.lastIndexOf('|') + 1).trim().split(" +")[0]))
                .sum();
        assertEquals(300, counted, "the histogram's bars count every call\n" + run);
    }

    @Test
    void bench_explicitArguments_twoThreads() {
        ToolRun run = tool("bench", "ServerDecInt", "dword:5", "dword:3", "ptr:4", "--calls", "200", "--threads", "2",
                "--warmup", "0");
        assertEquals(ExitCodes.OK, run.exitCode, run.toString());
        assertContains(run, run.out, "bench ServerDecInt(dword:5, dword:3, ptr:4) over jna: 200 calls on 2 threads",
                "200 calls in ");
    }

    @Test
    void bench_unknownName_exit1_hintSuggestsList() {
        ToolRun run = tool("bench", "Nobody", "--calls", "10");
        assertEquals(ExitCodes.FAILED, run.exitCode, run.toString());
        assertContains(run, run.err, "STATUS_INVALID_PARAMETER_1", "`servicecall list`");
    }

    @Test
    void serve_whileTheNamesAreTaken_exit1_withAHint() {
        ToolRun run = tool("serve", "--demo");
        assertEquals(ExitCodes.FAILED, run.exitCode, run.toString());
        assertContains(run, run.err, "STATUS_OBJECT_NAME_EXISTS", "`servicecall list` shows its pid", "--namespace");
        assertEquals(ExitCodes.OK, tool("call", "ServerPlusInt", "dword:1", "dword:1", "ptr:4").exitCode,
                "the failed serve released nothing of the running service");
    }

    @Test
    void namespaceHoldsOnlyTheServicesFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(namespace))) {
            assertFalse(files.anyMatch(file -> file.getFileName().toString().startsWith("ServerTimesInt")));
        }
    }
}

package dev.servicecall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help output, and what the tool says (exit 2) when the command line is wrong. No service needed. */
class HelpAndUsageTest {
    private static final List<String> COMMANDS = List.of("list", "call", "serve", "bench");

    @TempDir
    Path namespace;

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
        }
    }

    @Test
    void toolHelp_listsCommandsOptionsExitCodesAndTheTransportsFound() {
        for (String flag : new String[] {"--help", "-h"}) {
            ToolRun run = ToolRun.run(flag);
            assertEquals(ExitCodes.OK, run.exitCode, run.toString());
            assertContains(run.out, "usage: servicecall [--transport NAME] [--namespace DIR] COMMAND",
                    "--transport NAME", "--namespace DIR", "exit codes:", "0  done", "1  failed", "2  usage error",
                    "jna (available)");
            for (String command : COMMANDS) {
                assertContains(run.out, "\n  " + command + " ");
            }
            assertEquals("", run.err);
        }
        assertEquals(ToolRun.run("--help").out, ToolRun.run("help").out);
    }

    @Test
    void noCommand_printsTheHelpOnStandardError_exit2() {
        ToolRun run = ToolRun.run();
        assertEquals(ExitCodes.USAGE, run.exitCode);
        assertEquals("", run.out);
        assertContains(run.err, "usage: servicecall");
    }

    @Test
    void eachCommandHasHelp_withUsageOptionsAndAnExample() {
        for (String command : COMMANDS) {
            for (String[] args : new String[][] {{command, "--help"}, {command, "-h"}, {"help", command},
                {"--namespace", namespace.toString(), command, "--help"}}) {
                ToolRun run = ToolRun.run(args);
                assertEquals(ExitCodes.OK, run.exitCode, run.toString());
                assertTrue(run.out.startsWith("usage: servicecall " + command), run.out);
                assertContains(run.out, "--transport NAME", "--namespace DIR", "servicecall " + command);
            }
        }
        assertContains(ToolRun.run("call", "--help").out, "byte:V", "ptr:SIZE", "ptr:hex:BYTES", "nullptr",
                "mask:M:REST", "--timeout", "exit code: 0 when the routine ran");
        assertContains(ToolRun.run("bench", "--help").out, "--calls N", "--threads T", "--warmup N", "p99.9");
        assertContains(ToolRun.run("serve", "--help").out, "--demo", "ServerPlusInt", "QuerySystemInformation");
        assertContains(ToolRun.run("list", "--help").out, "stale", "--timeout");
    }

    @Test
    void unknownCommand_listsTheCommands_exit2() {
        ToolRun run = ToolRun.run("lsit");
        assertEquals(ExitCodes.USAGE, run.exitCode);
        assertContains(run.err, "unknown command 'lsit'; the commands are: list, call, serve, bench",
                "see: servicecall --help");
        assertEquals(ExitCodes.USAGE, ToolRun.run("help", "lsit").exitCode);
    }

    @Test
    void unknownOrMisplacedOption_saysWhichAndWhatIsAccepted_exit2() {
        ToolRun unknown = ToolRun.run("call", "X", "--tiemout", "5s");
        assertEquals(ExitCodes.USAGE, unknown.exitCode);
        assertContains(unknown.err, "servicecall call: unknown option '--tiemout' for 'call'; options:", "--timeout",
                "see: servicecall call --help");

        ToolRun before = ToolRun.run("--calls", "5", "bench", "X");
        assertEquals(ExitCodes.USAGE, before.exitCode);
        assertContains(before.err, "option '--calls' before the command");

        ToolRun missing = ToolRun.run("call", "X", "--timeout");
        assertEquals(ExitCodes.USAGE, missing.exitCode);
        assertContains(missing.err, "option --timeout needs a value");

        ToolRun twice = ToolRun.run("list", "--timeout", "1s", "--timeout=2s");
        assertEquals(ExitCodes.USAGE, twice.exitCode);
        assertContains(twice.err, "option --timeout is given twice");
    }

    @Test
    void badArgument_namesItAndShowsTheSyntax_exit2_beforeAnythingIsOpened() {
        ToolRun run = ToolRun.run("call", "ServerPlusInt", "dword:1", "dword:x", "--namespace", namespace.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode);
        assertContains(run.err, "argument 2 'dword:x': value 'x' is not a number", "accepted arguments:", "ptr:SIZE");
        assertEquals("", run.out);
    }

    @Test
    void commandSpecificUsageErrors() {
        assertContains(ToolRun.run("call").err, "call needs the routine's name");
        assertContains(ToolRun.run("bench").err, "bench needs the routine's name");
        assertContains(ToolRun.run("serve", "--namespace", namespace.toString()).err, "serve needs --demo");
        assertContains(ToolRun.run("list", "extra").err, "list takes no arguments");
        assertContains(ToolRun.run("bench", "X", "--threads", "0").err, "--threads '0' must be a whole number in 1..1024");
        assertContains(ToolRun.run("call", "X", "--timeout", "soon").err, "--timeout 'soon' is not a duration");
        assertContains(ToolRun.run("call", "X", "--dump-limit", "-1").err, "--dump-limit '-1' is not a byte count");
        ToolRun transport = ToolRun.run("list", "--transport", "nosuch", "--namespace", namespace.toString());
        assertEquals(ExitCodes.USAGE, transport.exitCode);
        assertContains(transport.err, "transport 'nosuch' was asked for but no provider has that name", "jna");
    }
}

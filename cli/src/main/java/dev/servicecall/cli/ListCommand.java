package dev.servicecall.cli;

import dev.servicecall.protocol.NativeTransport;
import dev.servicecall.protocol.RoutineDescription;
import dev.servicecall.protocol.os.BoundName;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.Signatures;
import dev.servicecall.spi.StatusException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code servicecall list}: the names bound in the name space, each described (DESCRIBE, protocol
 * 1.1) with its owner pid, protocol versions and signature, without calling anything.
 */
final class ListCommand implements Command {
    static final String NAME = "list";
    static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "the routines registered in this user's name space, with owner pid and signature";
    }

    @Override
    public String help() {
        return String.join("\n",
                "usage: servicecall list [--timeout DURATION] [--transport NAME] [--namespace DIR]",
                "",
                "Lists the routine names registered in the name space, by any process of this user, and asks",
                "each for its description without calling it (protocol 1.1 DESCRIBE): the pid of the process",
                "that registered it, the protocol versions its service speaks and its signature.",
                "",
                "A name marked 'stale' was left by a process that died without unregistering (Linux: its",
                "socket file remains, its lock is not held); nobody answers there, and the next registration",
                "of the name clears it. A service of protocol 1.0 cannot describe itself: its line says so.",
                "",
                "options:",
                "  --timeout DURATION   how long to wait for each description (default 2s; 0 = no limit)",
                "  --transport NAME     the transport (must be a native one: jna)",
                "  --namespace DIR      the name space directory (Windows: pipe-name prefix)",
                "",
                "example:",
                "  servicecall list",
                "  NAME           PID    PROTOCOL  SIGNATURE",
                "  ServerPlusInt  41233  1.0..1.1  (DWORD, DWORD, POINTER)",
                "");
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Options options = Options.parse(NAME, args, Set.of("--timeout"), Set.of());
        if (!options.positional().isEmpty()) {
            throw new UsageException(NAME, "list takes no arguments, got '" + options.positional().get(0) + "'");
        }
        long timeout = options.value("--timeout").isPresent()
                ? Durations.parseNanos(NAME, "--timeout", options.value("--timeout").get()) : DEFAULT_TIMEOUT_NANOS;
        TransportChoice choice = TransportChoice.from(NAME, options);
        PrintStream out = console.out();
        try (NativeTransport transport = choice.openNative()) {
            List<BoundName> names;
            try {
                names = transport.listNames();
            } catch (StatusException e) {
                console.err().println("servicecall list: " + NtStatus.describe(e.status()) + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
            if (names.isEmpty()) {
                out.println("no routines are registered in " + transport.describe());
                out.println("(start one with: servicecall serve --demo)");
                return ExitCodes.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "PID", "PROTOCOL", "SIGNATURE"});
            for (BoundName bound : names) {
                rows.add(row(transport, bound, timeout));
            }
            printTable(out, rows);
            out.println(names.size() + (names.size() == 1 ? " name in " : " names in ") + transport.describe());
            return ExitCodes.OK;
        } catch (StatusException e) {
            console.err().println("servicecall list: cannot open the transport: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private static String[] row(NativeTransport transport, BoundName bound, long timeout) {
        if (bound.isStale()) {
            return new String[] {bound.name(), "-", "-",
                "stale: left by a process that died; the next registration of the name clears it"};
        }
        try {
            RoutineDescription description = transport.describe(bound.name(), timeout);
            return new String[] {bound.name(),
                description.ownerPid().isPresent() ? Long.toString(description.ownerPid().getAsLong()) : "?",
                description.serviceVersions().toString(), Signatures.describe(description.signature())};
        } catch (StatusException e) {
            String why = e.status() == NtStatus.INVALID_PARAMETER_1 ? "gone: unregistered while listing"
                    : "cannot describe: " + NtStatus.describe(e.status()) + ": " + e.getMessage();
            return new String[] {bound.name(), "?", "?", why};
        }
    }

    /** Left-aligned columns, two spaces apart; the last column is not padded. */
    static void printTable(PrintStream out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line);
        }
    }
}

package dev.servicecall.cli;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Status;
import dev.servicecall.demo.DemoRoutines;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code servicecall serve --demo}: hosts the demo routines ({@link DemoRoutines}) until the stop
 * signal (Ctrl-C, SIGTERM), then unregisters them so that their names are free at once.
 */
final class ServeCommand implements Command {
    static final String NAME = "serve";
    /** The line that says the routines are registered; tests and scripts wait for it. */
    static final String READY = "serving";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "host the demo routines until Ctrl-C: servicecall serve --demo";
    }

    @Override
    public String help() {
        return String.join("\n",
                "usage: servicecall serve --demo [--quiet] [--transport NAME] [--namespace DIR]",
                "",
                "Registers the demo routines and serves calls until Ctrl-C or SIGTERM, then unregisters them",
                "(their names are free again at once). Each call is logged with the caller's pid.",
                "",
                "  ServerPlusInt(DWORD a, DWORD b, POINTER out)  writes a + b into out (4 bytes, little-endian)",
                "  ServerDecInt(DWORD a, DWORD b, POINTER out)   writes a - b into out",
                "  QuerySystemInformation(DWORD class, NULLABLE_POINTER buffer, DWORD size, NULLABLE_POINTER length)",
                "      class 5: the service's process list, the NtQuerySystemInformation way: with no buffer or",
                "      one too small it stores the length needed and returns 0xC0000004 (INFO_LENGTH_MISMATCH)",
                "",
                "options:",
                "  --demo             host the demo routines (the only set this tool hosts)",
                "  --quiet            do not log each call (for benchmarks)",
                "  --transport NAME   the transport (e.g. jna)",
                "  --namespace DIR    the name space directory (Windows: pipe-name prefix)",
                "",
                "example, in two terminals:",
                "  servicecall serve --demo",
                "  servicecall call ServerPlusInt dword:40 dword:2 ptr:4",
                "");
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Options options = Options.parse(NAME, args, Set.of(), Set.of("--demo", "--quiet"));
        if (!options.positional().isEmpty()) {
            throw new UsageException(NAME, "serve takes no arguments, got '" + options.positional().get(0) + "'");
        }
        if (!options.flag("--demo")) {
            throw new UsageException(NAME, "serve needs --demo: the demo routines are the only ones this tool hosts");
        }
        TransportChoice choice = TransportChoice.from(NAME, options);
        PrintStream out = console.out();
        ServiceCallSession session;
        try {
            session = choice.openSession();
        } catch (ServiceCallException e) {
            console.err().println("servicecall serve: cannot open the transport: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try {
            List<ServiceRegistration> registrations;
            try {
                session.initialize();
                PrintStream log = options.flag("--quiet") ? new PrintStream(OutputStream.nullOutputStream()) : out;
                registrations = new DemoRoutines(log).registerAll(session);
            } catch (ServiceCallException e) {
                console.err().println("servicecall serve: " + e.getMessage());
                if (e.is(Status.OBJECT_NAME_EXISTS)) {
                    console.err().println("hint: another process serves that name; `servicecall list` shows its pid."
                            + " Stop it, or serve in another name space with --namespace DIR");
                }
                return ExitCodes.FAILED;
            }
            List<String> names = new ArrayList<>();
            for (ServiceRegistration registration : registrations) {
                names.add(registration.name());
            }
            out.println(READY + " " + String.join(", ", names) + " over " + session.transportName() + " as pid "
                    + ProcessHandle.current().pid() + "; Ctrl-C stops");
            out.flush();
            try {
                console.stop().awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.close();
            out.println("stopped: unregistered " + String.join(", ", names));
            out.flush();
            return ExitCodes.OK;
        } finally {
            session.close();
            console.stop().cleanedUp();
        }
    }
}

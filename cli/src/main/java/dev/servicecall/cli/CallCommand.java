package dev.servicecall.cli;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Status;
import dev.servicecall.protocol.NativeTransport;
import dev.servicecall.protocol.RoutineDescription;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.spi.Signatures;
import dev.servicecall.spi.StatusException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code servicecall call NAME ARG...}: one call, then the transport status, the service status
 * and every buffer as the routine left it, in hex.
 */
final class CallCommand implements Command {
    static final String NAME = "call";
    static final long DEFAULT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    static final int DEFAULT_DUMP_LIMIT = 4096;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "call a routine and print the statuses and buffers: servicecall call NAME dword:1 dword:2 ptr:4";
    }

    @Override
    public String help() {
        return String.join("\n",
                "usage: servicecall call NAME [ARG...] [--timeout DURATION] [--dump-limit BYTES]",
                "                        [--transport NAME] [--namespace DIR]",
                "",
                "Calls the routine NAME with one ARG per parameter (their masks make the call's signature,",
                "which must equal the registered one), then prints the transport status, the service status",
                "(the routine's return value) and every buffer after the call, as the routine left it.",
                "",
                "arguments:",
                ArgumentParser.SYNTAX,
                "",
                "options:",
                "  --timeout DURATION    give up after this long: IO_TIMEOUT (default 30s; 0 = no limit)",
                "  --dump-limit BYTES    print at most this many bytes of each buffer (default 4096; 0 = all)",
                "  --transport NAME      the transport (e.g. jna)",
                "  --namespace DIR       the name space directory (Windows: pipe-name prefix)",
                "",
                "exit code: 0 when the routine ran (whatever service status it returned), 1 when the call",
                "failed (transport status not SUCCESS), 2 for a malformed command line.",
                "",
                "examples:",
                "  servicecall call ServerPlusInt dword:1 dword:2 ptr:4",
                "  servicecall call QuerySystemInformation dword:5 nullptr dword:0 nptr:4",
                "  servicecall call Store qword:0x1122334455667788 ptr:hex:0a0b0c0d",
                "");
    }

    @Override
    public int run(List<String> args, Console console) throws UsageException {
        Options options = Options.parse(NAME, args, Set.of("--timeout", "--dump-limit"), Set.of());
        if (options.positional().isEmpty()) {
            throw new UsageException(NAME, "call needs the routine's name, then one argument per parameter,"
                    + " e.g. servicecall call ServerPlusInt dword:1 dword:2 ptr:4");
        }
        String routine = options.positional().get(0);
        List<CallArgument> arguments = ArgumentParser.parseAll(NAME,
                options.positional().subList(1, options.positional().size()));
        long timeout = options.value("--timeout").isPresent()
                ? Durations.parseNanos(NAME, "--timeout", options.value("--timeout").get()) : DEFAULT_TIMEOUT_NANOS;
        int dumpLimit = dumpLimit(options);
        TransportChoice choice = TransportChoice.from(NAME, options);

        PrintStream out = console.out();
        Parameter[] parameters = new Parameter[arguments.size()];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = arguments.get(i).toParameter();
        }
        ServiceCallSession session;
        try {
            session = choice.openSession();
        } catch (ServiceCallException e) {
            console.err().println("servicecall call: cannot open the transport: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (session) {
            out.println("call " + routine + "(" + String.join(", ", texts(arguments)) + ") over " + session.transportName());
            CallOptions callOptions = timeout == 0 ? CallOptions.defaults() : CallOptions.timeout(Duration.ofNanos(timeout));
            int serviceStatus;
            try {
                serviceStatus = session.call(routine, callOptions, parameters);
            } catch (ServiceCallException e) {
                out.println("transport status: " + Status.describe(e.status()));
                out.println("  " + detail(e));
                out.println("service status:   none (the routine did not run, or its result was lost)");
                String hint = StatusHints.forCall(e.status());
                if (hint != null) {
                    console.err().println("hint: " + hint);
                }
                if (e.status() == NtStatus.INVALID_PARAMETER_2) {
                    registeredSignature(choice, routine, console);
                }
                return ExitCodes.FAILED;
            }
            out.println("transport status: " + Status.describe(NtStatus.SUCCESS));
            out.println("service status:   " + Status.describe(serviceStatus));
            for (int i = 0; i < arguments.size(); i++) {
                printBuffer(out, i, arguments.get(i), parameters[i], dumpLimit);
            }
            return ExitCodes.OK;
        }
    }

    /** The exception's message without the status it starts with (printed on the line above). */
    static String detail(ServiceCallException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = NtStatus.describe(e.status()) + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static int dumpLimit(Options options) throws UsageException {
        if (options.value("--dump-limit").isEmpty()) {
            return DEFAULT_DUMP_LIMIT;
        }
        String text = options.value("--dump-limit").get();
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(NAME, "--dump-limit '" + text + "' is not a byte count (0 prints everything)");
    }

    private static List<String> texts(List<CallArgument> arguments) {
        List<String> texts = new ArrayList<>();
        for (CallArgument argument : arguments) {
            texts.add(argument.text());
        }
        return texts;
    }

    private static void printBuffer(PrintStream out, int index, CallArgument argument, Parameter parameter, int limit) {
        String mask = ParameterMasks.describe(argument.mask());
        if (argument.isNull()) {
            out.println("parameter " + index + ", " + mask + ": null");
            return;
        }
        if (!argument.isBuffer()) {
            return;
        }
        ByteBuffer bytes = parameter.region();
        String asInteger = littleEndianInteger(bytes);
        out.println("parameter " + index + ", " + mask + ", " + bytes.remaining() + (bytes.remaining() == 1 ? " byte" : " bytes")
                + (asInteger == null ? "" : " (" + asInteger + ")") + ":");
        out.print(HexDump.format(bytes, limit, "  "));
    }

    /** For a buffer of 1, 2, 4 or 8 bytes: its value as a little-endian integer, signed and unsigned when they differ. */
    static String littleEndianInteger(ByteBuffer bytes) {
        ByteBuffer le = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = le.position();
        long signed;
        String unsigned;
        switch (le.remaining()) {
            case 1: signed = le.get(at); unsigned = Integer.toString(le.get(at) & 0xFF); break;
            case 2: signed = le.getShort(at); unsigned = Integer.toString(le.getShort(at) & 0xFFFF); break;
            case 4: signed = le.getInt(at); unsigned = Integer.toUnsignedString(le.getInt(at)); break;
            case 8: signed = le.getLong(at); unsigned = Long.toUnsignedString(le.getLong(at)); break;
            default: return null;
        }
        String bits = Integer.toString(le.remaining() * 8);
        return Long.toString(signed).equals(unsigned) ? "u" + bits + " LE " + unsigned
                : "u" + bits + " LE " + unsigned + ", i" + bits + " " + signed;
    }

    /** After INVALID_PARAMETER_2: the registered signature, if the service can describe it. */
    private static void registeredSignature(TransportChoice choice, String routine, Console console) {
        try (NativeTransport transport = choice.openNative()) {
            RoutineDescription description = transport.describe(routine, TimeUnit.SECONDS.toNanos(2));
            console.err().println("registered: " + routine + Signatures.describe(description.signature())
                    + "; for example: servicecall call " + routine + " " + String.join(" ",
                            ArgumentTemplates.forSignature(description.signature())));
        } catch (UsageException | StatusException | RuntimeException e) {
            // best effort: the hint above already points to `servicecall list`
        }
    }
}

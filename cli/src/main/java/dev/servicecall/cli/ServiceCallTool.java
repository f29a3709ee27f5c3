package dev.servicecall.cli;

import dev.servicecall.api.TransportSelector;
import dev.servicecall.spi.TransportProvider;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code servicecall} tool: global options, then a command ({@code list}, {@code call},
 * {@code serve}, {@code bench}) and its words. {@link #run} never calls {@code System.exit}; it
 * returns the exit code, so tests run the tool in-process with captured output.
 */
final class ServiceCallTool {
    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Console console;

    ServiceCallTool(Console console) {
        this.console = console;
        for (Command command : List.of(new ListCommand(), new CallCommand(), new ServeCommand(), new BenchCommand())) {
            commands.put(command.name(), command);
        }
    }

    /**
     * Runs the tool.
     *
     * @return the exit code: {@link ExitCodes#OK}, {@link ExitCodes#FAILED} or {@link ExitCodes#USAGE}
     */
    int run(String... args) {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        Command command = null;
        try {
            int at = commandIndex(words);
            if (at < 0) {
                boolean help = words.contains("--help") || words.contains("-h");
                (help ? console.out() : console.err()).print(help());
                return help ? ExitCodes.OK : ExitCodes.USAGE;
            }
            String name = words.remove(at);
            command = commands.get(name);
            if (command == null) {
                if (name.equals("help")) {
                    return helpFor(words);
                }
                throw new UsageException(null, "unknown command '" + name + "'; the commands are: "
                        + String.join(", ", commands.keySet()));
            }
            if (words.contains("--help") || words.contains("-h")) {
                console.out().print(command.help());
                return ExitCodes.OK;
            }
            return command.run(words, console);
        } catch (UsageException e) {
            PrintStream err = console.err();
            String prefix = "servicecall" + (e.command() == null ? "" : " " + e.command()) + ": ";
            err.println(prefix + e.getMessage());
            err.println("see: servicecall " + (e.command() == null ? "" : e.command() + " ") + "--help");
            return ExitCodes.USAGE;
        } catch (RuntimeException e) {
            console.err().println("servicecall" + (command == null ? "" : " " + command.name()) + ": unexpected failure: " + e);
            e.printStackTrace(console.err());
            return ExitCodes.FAILED;
        } finally {
            console.out().flush();
            console.err().flush();
        }
    }

    /**
     * The index of the command word: the first word that is not a global option or its value.
     *
     * @return -1 when there is none
     * @throws UsageException for a command's own option before the command
     */
    private static int commandIndex(List<String> words) throws UsageException {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (Options.GLOBAL_VALUED.contains(option)) {
                if (!word.contains("=")) {
                    i++;
                }
                continue;
            }
            if (word.equals("--help") || word.equals("-h")) {
                continue;
            }
            if (word.startsWith("-")) {
                throw new UsageException(null, "option '" + word + "' before the command: only --transport,"
                        + " --namespace and --help go there; the commands are: list, call, serve, bench");
            }
            return i;
        }
        return -1;
    }

    private int helpFor(List<String> words) throws UsageException {
        if (words.isEmpty()) {
            console.out().print(help());
            return ExitCodes.OK;
        }
        Command command = commands.get(words.get(0));
        if (command == null) {
            throw new UsageException(null, "unknown command '" + words.get(0) + "'; the commands are: "
                    + String.join(", ", commands.keySet()));
        }
        console.out().print(command.help());
        return ExitCodes.OK;
    }

    /** The tool's help, with the transports found on the class path. */
    String help() {
        StringBuilder text = new StringBuilder();
        text.append("servicecall: call routines of other processes by name (ServiceCall for Java)\n\n");
        text.append("usage: servicecall [--transport NAME] [--namespace DIR] COMMAND [ARG...] [OPTION...]\n\n");
        text.append("commands:\n");
        for (Command command : commands.values()) {
            text.append(String.format("  %-7s %s%n", command.name(), command.summary()));
        }
        text.append("\noptions of every command:\n");
        text.append("  --transport NAME   the transport; default: -Dservicecall.transport, else the available one of\n");
        text.append("                     highest priority. Here: ").append(transports()).append('\n');
        text.append("  --namespace DIR    the name space: the directory of the sockets (Linux; default\n");
        text.append("                     $XDG_RUNTIME_DIR/servicecall, else <tmp>/servicecall-<uid>) or the pipe-name\n");
        text.append("                     prefix (Windows); -Dservicecall.namespace does the same\n");
        text.append("  --help, -h         this help; `servicecall COMMAND --help` for a command's\n");
        text.append("\nexit codes:\n");
        text.append("  0  done (for call: the routine ran; its service status is printed, whatever it is)\n");
        text.append("  1  failed: the call did not reach the routine, the transport could not be opened, ...\n");
        text.append("  2  usage error: unknown command or option, malformed argument\n");
        text.append("\nexamples:\n");
        text.append("  servicecall serve --demo &\n");
        text.append("  servicecall list\n");
        text.append("  servicecall call ServerPlusInt dword:40 dword:2 ptr:4\n");
        text.append("  servicecall bench ServerPlusInt --calls 20000\n");
        return text.toString();
    }

    private static String transports() {
        List<String> found = new ArrayList<>();
        try {
            for (TransportProvider provider : TransportSelector.fromServiceLoader().providers()) {
                found.add(provider.name() + " (" + (provider.availability().isAvailable() ? "available"
                        : "unavailable") + ")");
            }
        } catch (RuntimeException | LinkageError e) {
            return "cannot list them: " + e;
        }
        return found.isEmpty() ? "none found on the class path" : String.join(", ", found);
    }
}

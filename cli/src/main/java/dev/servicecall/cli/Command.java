package dev.servicecall.cli;

import java.util.List;

/** One {@code servicecall} command. Implementations are stateless; {@link #run} may be called once per process or many times in tests. */
interface Command {
    /** The word that selects it, e.g. {@code call}. */
    String name();

    /** One line for the tool's help. */
    String summary();

    /** The full {@code --help} text: usage, arguments, options, examples. */
    String help();

    /**
     * Runs the command.
     *
     * @param args the words after the command name, global options included
     * @return an exit code of {@link ExitCodes}
     * @throws UsageException when the command line is wrong
     */
    int run(List<String> args, Console console) throws UsageException;
}

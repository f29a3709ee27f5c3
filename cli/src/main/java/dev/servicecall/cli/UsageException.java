package dev.servicecall.cli;

/**
 * The command line is wrong. The message says what is wrong and what is accepted; the tool prints
 * it with a pointer to the command's {@code --help} and exits with {@link ExitCodes#USAGE}.
 */
final class UsageException extends Exception {
    private final String command;

    /**
     * @param command the command whose help applies, or null for the tool's
     * @param message what is wrong, and what would be right
     */
    UsageException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command whose help applies, or null for the tool's own. */
    String command() {
        return command;
    }
}

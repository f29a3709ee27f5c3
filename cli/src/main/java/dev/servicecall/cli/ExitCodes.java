package dev.servicecall.cli;

/**
 * The exit codes of {@code servicecall}, as {@code --help} documents them.
 */
final class ExitCodes {
    /** The command did what it was asked (for {@code call}: the routine ran, whatever its service status). */
    static final int OK = 0;
    /** The command failed: the call did not reach the routine, a transport could not be opened, ... */
    static final int FAILED = 1;
    /** The command line is wrong: unknown command or option, malformed argument. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}

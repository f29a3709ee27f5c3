package dev.servicecall.typed;

/**
 * A caller's buffer cannot be presented as the parameter's Java type (a holder buffer shorter
 * than the holder). The export answers INVALID_PARAMETER without running the implementation, as
 * a service does for a pointer it cannot map. Carries no stack trace: it is an answer, not a bug.
 */
final class UnmappableParameterException extends Exception {
    UnmappableParameterException(String message) {
        super(message, null, false, false);
    }
}

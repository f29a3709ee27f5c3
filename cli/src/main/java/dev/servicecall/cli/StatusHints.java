package dev.servicecall.cli;

import dev.servicecall.spi.NtStatus;

/** What to do about a transport status a call failed with: one line for the user. */
final class StatusHints {
    private StatusHints() {
    }

    /** The hint for {@code status}, or null when there is nothing useful to add. */
    static String forCall(int status) {
        switch (status) {
            case NtStatus.INVALID_PARAMETER_1:
                return "no routine of that name is registered in this name space; `servicecall list` shows the"
                        + " names that are (names are case-sensitive; check --namespace and --transport)";
            case NtStatus.INVALID_PARAMETER_2:
                return "the arguments do not match the routine's registered signature (count and exact masks),"
                        + " or a non-nullable pointer is null; `servicecall list` shows the signature";
            case NtStatus.OBJECT_NAME_INVALID:
                return "a routine name is 1 to 64 characters from A-Z a-z 0-9 . _ - and does not start with '.'";
            case NtStatus.IO_TIMEOUT:
                return "the routine did not answer in time; allow longer with --timeout 60s (or --timeout 0 for"
                        + " no limit)";
            case NtStatus.UNSUCCESSFUL:
                return "the service could not be reached or went away during the call (unregistered, or its"
                        + " process ended); `servicecall list` shows what is registered now";
            case NtStatus.ACCESS_VIOLATION:
                return "an argument refers to memory the library cannot use";
            default:
                return null;
        }
    }
}

package dev.servicecall.spi;

/**
 * The rule for routine names, shared by every transport so that a name valid on one is valid
 * on all (SPEC sections 2 and 6).
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 . _ -}, and does not
 * start with {@code .}. This keeps every name representable as a file name beside an
 * {@code AF_UNIX} socket (whose path is limited to 108 bytes) and as a Windows pipe name, and
 * makes names such as {@code ../x}, {@code /abs} or ones with NUL impossible.
 */
public final class RoutineNames {
    /** The longest name accepted. */
    public static final int MAX_LENGTH = 64;

    private RoutineNames() {
    }

    /**
     * Checks a routine name.
     *
     * @return {@link NtStatus#SUCCESS}, {@link NtStatus#ACCESS_VIOLATION} for null, or
     *     {@link NtStatus#OBJECT_NAME_INVALID}
     */
    public static int check(String name) {
        if (name == null) {
            return NtStatus.ACCESS_VIOLATION;
        }
        return problem(name) == null ? NtStatus.SUCCESS : NtStatus.OBJECT_NAME_INVALID;
    }

    /** Why a non-null name is invalid, or {@code null} when it is valid. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "the name is empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "the name has " + name.length() + " characters, more than " + MAX_LENGTH;
        }
        if (name.charAt(0) == '.') {
            return "the name starts with '.'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return String.format("character U+%04X at index %d is not one of A-Z a-z 0-9 . _ -", (int) c, i);
            }
        }
        return null;
    }
}

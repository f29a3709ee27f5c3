package dev.servicecall.spi;

/**
 * The NTSTATUS codes of the ServiceCall contract (SPEC section 2), as 32-bit ints, and their
 * rendering for messages.
 *
 * <p>This is the single table of status names in the project; the application-facing
 * {@code dev.servicecall.api.Status} enum is built on it. Transports return and throw these
 * values; they never invent others. A routine's own <em>service status</em> is any int and is
 * never interpreted by a transport.
 */
public final class NtStatus {
    /** The operation succeeded. */
    public static final int SUCCESS = 0x00000000;
    /** Register: the name is already registered, here or in another live process. Nothing was registered. */
    public static final int OBJECT_NAME_EXISTS = 0x40000000;
    /** Call: the service cannot be reached, or went away while the call was in flight. */
    public static final int UNSUCCESSFUL = 0xC0000001;
    /** An argument refers to memory the library cannot use (null, too short, read-only). */
    public static final int ACCESS_VIOLATION = 0xC0000005;
    /** Unregister: unknown handle. As a service status: a pointer parameter could not be mapped. */
    public static final int INVALID_PARAMETER = 0xC000000D;
    /** Register: resources for the listener could not be obtained. */
    public static final int NO_MEMORY = 0xC0000017;
    /** As a service status: results could not be written back to the caller. */
    public static final int ACCESS_DENIED = 0xC0000022;
    /** Register or call: the name is empty, too long, or has characters the transport cannot represent. */
    public static final int OBJECT_NAME_INVALID = 0xC0000033;
    /** Call: the caller's deadline passed. */
    public static final int IO_TIMEOUT = 0xC00000B5;
    /** Register before initialize. */
    public static final int NOT_SUPPORTED = 0xC00000BB;
    /** Call: no routine of that name is registered. */
    public static final int INVALID_PARAMETER_1 = 0xC00000EF;
    /** Call: invalid mask, null for a non-nullable pointer, or a signature that differs from the registered one. */
    public static final int INVALID_PARAMETER_2 = 0xC00000F0;
    /** Register: the signature template has an invalid mask or too many parameters. */
    public static final int INVALID_PARAMETER_3 = 0xC00000F1;
    /** As a service status: the routine threw; nothing was written back. */
    public static final int UNHANDLED_EXCEPTION = 0xC0000144;

    private NtStatus() {
    }

    /**
     * The symbolic name of a contract status, e.g. {@code STATUS_INVALID_PARAMETER_1}, or
     * {@code null} when {@code status} is not one of the contract's codes (a user-defined
     * service status, for instance).
     */
    public static String nameOf(int status) {
        switch (status) {
            case SUCCESS: return "STATUS_SUCCESS";
            case OBJECT_NAME_EXISTS: return "STATUS_OBJECT_NAME_EXISTS";
            case UNSUCCESSFUL: return "STATUS_UNSUCCESSFUL";
            case ACCESS_VIOLATION: return "STATUS_ACCESS_VIOLATION";
            case INVALID_PARAMETER: return "STATUS_INVALID_PARAMETER";
            case NO_MEMORY: return "STATUS_NO_MEMORY";
            case ACCESS_DENIED: return "STATUS_ACCESS_DENIED";
            case OBJECT_NAME_INVALID: return "STATUS_OBJECT_NAME_INVALID";
            case IO_TIMEOUT: return "STATUS_IO_TIMEOUT";
            case NOT_SUPPORTED: return "STATUS_NOT_SUPPORTED";
            case INVALID_PARAMETER_1: return "STATUS_INVALID_PARAMETER_1";
            case INVALID_PARAMETER_2: return "STATUS_INVALID_PARAMETER_2";
            case INVALID_PARAMETER_3: return "STATUS_INVALID_PARAMETER_3";
            case UNHANDLED_EXCEPTION: return "STATUS_UNHANDLED_EXCEPTION";
            default: return null;
        }
    }

    /** The status as eight hex digits, e.g. {@code 0xC00000EF}. */
    public static String hex(int status) {
        return String.format("0x%08X", status);
    }

    /**
     * The status as it appears in every message of the project: hex and name, e.g.
     * {@code 0xC00000EF STATUS_INVALID_PARAMETER_1}; hex alone for codes outside the contract.
     */
    public static String describe(int status) {
        String name = nameOf(status);
        return name == null ? hex(status) : hex(status) + " " + name;
    }
}

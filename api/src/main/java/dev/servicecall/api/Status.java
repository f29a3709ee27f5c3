package dev.servicecall.api;

import dev.servicecall.spi.NtStatus;
import java.util.Optional;

/**
 * The status codes of the contract (SPEC section 2) with their NTSTATUS values.
 *
 * <p>Statuses travel as plain {@code int}s (a routine's service status is any int); this enum
 * names the ones the library itself produces. {@link #describe(int)} renders any int the way
 * every message of the library does: {@code 0xC00000EF STATUS_INVALID_PARAMETER_1}.
 */
public enum Status {
    /** {@code 0x00000000}. */
    SUCCESS(NtStatus.SUCCESS),
    /** {@code 0x40000000}: register, the name is taken; nothing was registered. */
    OBJECT_NAME_EXISTS(NtStatus.OBJECT_NAME_EXISTS),
    /** {@code 0xC0000001}: call, the service is unreachable or went away during the call. */
    UNSUCCESSFUL(NtStatus.UNSUCCESSFUL),
    /** {@code 0xC0000005}: an argument refers to memory the library cannot use. */
    ACCESS_VIOLATION(NtStatus.ACCESS_VIOLATION),
    /** {@code 0xC000000D}: unregister of an unknown handle; as a service status, a pointer could not be mapped. */
    INVALID_PARAMETER(NtStatus.INVALID_PARAMETER),
    /** {@code 0xC0000017}: register, listener resources could not be obtained. */
    NO_MEMORY(NtStatus.NO_MEMORY),
    /** {@code 0xC0000022}: as a service status, results could not be written back. */
    ACCESS_DENIED(NtStatus.ACCESS_DENIED),
    /** {@code 0xC0000033}: register or call, the name is empty, too long or has unusable characters. */
    OBJECT_NAME_INVALID(NtStatus.OBJECT_NAME_INVALID),
    /** {@code 0xC00000B5}: call, the caller's deadline passed. */
    IO_TIMEOUT(NtStatus.IO_TIMEOUT),
    /** {@code 0xC00000BB}: register before initialize. */
    NOT_SUPPORTED(NtStatus.NOT_SUPPORTED),
    /** {@code 0xC00000EF}: call, no routine of that name is registered. */
    INVALID_PARAMETER_1(NtStatus.INVALID_PARAMETER_1),
    /** {@code 0xC00000F0}: call, invalid mask, null for a non-nullable pointer, or signature mismatch. */
    INVALID_PARAMETER_2(NtStatus.INVALID_PARAMETER_2),
    /** {@code 0xC00000F1}: register, invalid mask or too many parameters in the template. */
    INVALID_PARAMETER_3(NtStatus.INVALID_PARAMETER_3),
    /** {@code 0xC0000144}: as a service status, the routine threw; nothing was written back. */
    UNHANDLED_EXCEPTION(NtStatus.UNHANDLED_EXCEPTION);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The NTSTATUS value. */
    public int code() {
        return code;
    }

    /** The value as {@code 0xC00000EF}. */
    public String hex() {
        return NtStatus.hex(code);
    }

    /** Whether {@code status} is this one. */
    public boolean is(int status) {
        return status == code;
    }

    /** The named status for a code, if it is one of the contract's. */
    public static Optional<Status> of(int code) {
        for (Status status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Any status as {@code 0xC00000EF STATUS_INVALID_PARAMETER_1}, or hex alone for other ints. */
    public static String describe(int status) {
        return NtStatus.describe(status);
    }

    /** As {@link #describe(int)}. */
    @Override
    public String toString() {
        return describe(code);
    }
}

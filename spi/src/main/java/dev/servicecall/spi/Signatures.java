package dev.servicecall.spi;

import java.util.Arrays;

/**
 * Signature rules shared by every transport: validation of a registration template and the
 * match between a call and a registration (SPEC section 3).
 *
 * <p>A signature is a {@code byte[]} of raw masks, one per parameter. Two signatures match when
 * they have the same count and identical raw bytes: {@code 0x8C} and {@code 0x88} differ even
 * though both mean a 64-bit value.
 */
public final class Signatures {
    private Signatures() {
    }

    /**
     * Checks a registration template.
     *
     * @return {@link NtStatus#SUCCESS}, {@link NtStatus#ACCESS_VIOLATION} for null, or
     *     {@link NtStatus#INVALID_PARAMETER_3} for an invalid mask or more than
     *     {@link ParameterMasks#MAX_PARAMETERS} parameters
     */
    public static int checkTemplate(byte[] signature) {
        if (signature == null) {
            return NtStatus.ACCESS_VIOLATION;
        }
        if (signature.length > ParameterMasks.MAX_PARAMETERS) {
            return NtStatus.INVALID_PARAMETER_3;
        }
        for (byte mask : signature) {
            if (!ParameterMasks.isValid(mask & 0xFF)) {
                return NtStatus.INVALID_PARAMETER_3;
            }
        }
        return NtStatus.SUCCESS;
    }

    /** Whether a call's signature matches a registered one: same count, identical raw masks. */
    public static boolean matches(byte[] registered, byte[] call) {
        return Arrays.equals(registered, call);
    }

    /** A readable form, e.g. {@code (DWORD, DWORD, POINTER)}. */
    public static String describe(byte[] signature) {
        if (signature == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < signature.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(ParameterMasks.describe(signature[i] & 0xFF));
        }
        return text.append(')').toString();
    }
}

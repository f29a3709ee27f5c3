package dev.servicecall.spi;

/**
 * The parameter mask rules of SPEC section 3, shared by every layer and transport.
 *
 * <p>A mask is one byte per parameter, with the bits of the original library:
 * <pre>
 * bit 7 VL  by value          bit 3 QW  64-bit
 * bit 6 PT  pointer (buffer)  bit 2 DW  32-bit
 * bit 5 NL  pointer may be null   bit 1 WO  16-bit
 * bit 4 reserved, must be 0   bit 0 BY  8-bit
 * </pre>
 * Masks are handled as ints holding the unsigned byte (0..255) so that {@code 0x88} reads as
 * written. All methods are pure and thread-safe.
 */
public final class ParameterMasks {
    /** By value. */
    public static final int VL = 0x80;
    /** Pointer to a buffer. */
    public static final int PT = 0x40;
    /** The pointer may be null. */
    public static final int NL = 0x20;
    /** Reserved; a mask with this bit is invalid. */
    public static final int RESERVED = 0x10;
    /** 64-bit value. */
    public static final int QW = 0x08;
    /** 32-bit value. */
    public static final int DW = 0x04;
    /** 16-bit value. */
    public static final int WO = 0x02;
    /** 8-bit value. */
    public static final int BY = 0x01;

    /** A 64-bit value: {@code 0x88}. */
    public static final int QWORD = VL | QW;
    /** A 32-bit value: {@code 0x84}. */
    public static final int DWORD = VL | DW;
    /** A 16-bit value: {@code 0x82}. */
    public static final int WORD = VL | WO;
    /** An 8-bit value: {@code 0x81}. */
    public static final int BYTE = VL | BY;
    /** A pointer buffer that must not be null: {@code 0x40}. */
    public static final int POINTER = PT;
    /** A pointer buffer that may be null: {@code 0x60}. */
    public static final int NULLABLE_POINTER = PT | NL;

    /** The most parameters a signature may have (a template with more is INVALID_PARAMETER_3). */
    public static final int MAX_PARAMETERS = 64;

    private ParameterMasks() {
    }

    /**
     * Whether {@code mask} (0..255) is a valid mask: reserved bit clear; by-value masks have a
     * size bit and neither PT nor NL; non-value masks have PT. Values outside 0..255 are invalid.
     */
    public static boolean isValid(int mask) {
        if (mask < 0 || mask > 0xFF || (mask & RESERVED) != 0) {
            return false;
        }
        if ((mask & VL) != 0) {
            return (mask & (PT | NL)) == 0 && (mask & (QW | DW | WO | BY)) != 0;
        }
        return (mask & PT) != 0;
    }

    /** Whether a valid mask declares a pointer (buffer) parameter. */
    public static boolean isPointer(int mask) {
        return (mask & VL) == 0 && (mask & PT) != 0;
    }

    /** Whether a valid pointer mask allows null. */
    public static boolean isNullable(int mask) {
        return isPointer(mask) && (mask & NL) != 0;
    }

    /**
     * The width in bytes of a valid by-value mask: the widest size bit counts (8, 4, 2 or 1);
     * 0 for pointer masks, whose size bits are ignored.
     */
    public static int valueWidth(int mask) {
        if ((mask & VL) == 0) {
            return 0;
        }
        if ((mask & QW) != 0) {
            return 8;
        }
        if ((mask & DW) != 0) {
            return 4;
        }
        if ((mask & WO) != 0) {
            return 2;
        }
        return (mask & BY) != 0 ? 1 : 0;
    }

    /**
     * The value as the routine must see it: truncated to the mask's width, unsigned
     * ({@code 0x1FF} declared BYTE gives {@code 0xFF}). Pointer masks give 0.
     */
    public static long truncate(int mask, long value) {
        switch (valueWidth(mask)) {
            case 8: return value;
            case 4: return value & 0xFFFF_FFFFL;
            case 2: return value & 0xFFFFL;
            case 1: return value & 0xFFL;
            default: return 0;
        }
    }

    /** A readable name: {@code DWORD}, {@code POINTER}, ... or {@code 0x8C} for other masks. */
    public static String describe(int mask) {
        switch (mask) {
            case QWORD: return "QWORD";
            case DWORD: return "DWORD";
            case WORD: return "WORD";
            case BYTE: return "BYTE";
            case POINTER: return "POINTER";
            case NULLABLE_POINTER: return "NULLABLE_POINTER";
            default: return String.format("0x%02X", mask & 0xFF);
        }
    }
}

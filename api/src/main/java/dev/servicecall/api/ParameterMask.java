package dev.servicecall.api;

import dev.servicecall.spi.ParameterMasks;

/**
 * One parameter's mask: a raw byte with the bits of the original library (SPEC section 3).
 *
 * <p>The raw value is kept exactly as given, valid or not, because signatures compare raw bytes
 * ({@code 0x8C} and {@code 0x88} are different signatures) and because an invalid mask must reach
 * the checks that report it. Immutable.
 */
public final class ParameterMask {
    /** 64-bit value, {@code 0x88}. */
    public static final ParameterMask QWORD = new ParameterMask(ParameterMasks.QWORD);
    /** 32-bit value, {@code 0x84}. */
    public static final ParameterMask DWORD = new ParameterMask(ParameterMasks.DWORD);
    /** 16-bit value, {@code 0x82}. */
    public static final ParameterMask WORD = new ParameterMask(ParameterMasks.WORD);
    /** 8-bit value, {@code 0x81}. */
    public static final ParameterMask BYTE = new ParameterMask(ParameterMasks.BYTE);
    /** Buffer that must not be null, {@code 0x40}. */
    public static final ParameterMask POINTER = new ParameterMask(ParameterMasks.POINTER);
    /** Buffer that may be null, {@code 0x60}. */
    public static final ParameterMask NULLABLE_POINTER = new ParameterMask(ParameterMasks.NULLABLE_POINTER);

    private final int raw;

    private ParameterMask(int raw) {
        this.raw = raw;
    }

    /**
     * A mask from its raw bits, kept as given.
     *
     * @param raw 0..255 (an int so that {@code 0x88} needs no cast)
     * @throws IllegalArgumentException outside 0..255: that is not a byte at all
     */
    public static ParameterMask raw(int raw) {
        if (raw < 0 || raw > 0xFF) {
            throw new IllegalArgumentException("a mask is one byte (0..255), was " + raw);
        }
        return new ParameterMask(raw);
    }

    /** The raw bits, 0..255. */
    public int raw() {
        return raw;
    }

    /** Whether the mask obeys the rules of SPEC section 3. */
    public boolean isValid() {
        return ParameterMasks.isValid(raw);
    }

    /** Whether this is a valid pointer mask. */
    public boolean isPointer() {
        return isValid() && ParameterMasks.isPointer(raw);
    }

    /** Whether this is a valid pointer mask that allows null. */
    public boolean isNullable() {
        return isValid() && ParameterMasks.isNullable(raw);
    }

    /** The width of a valid value mask in bytes (the widest size bit), 0 for pointers. */
    public int valueWidth() {
        return ParameterMasks.valueWidth(raw);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterMask && ((ParameterMask) other).raw == raw;
    }

    @Override
    public int hashCode() {
        return raw;
    }

    /** {@code DWORD}, {@code POINTER}, ... or the raw value as {@code 0x8C}. */
    @Override
    public String toString() {
        return ParameterMasks.describe(raw);
    }
}

package dev.servicecall.api;

import dev.servicecall.spi.Signatures;
import java.util.Arrays;
import java.util.Objects;

/**
 * A routine's parameter signature: one raw mask per parameter (the original's
 * {@code SERVICE_ROUTINE_PARAMETER} template). Immutable; the masks are kept exactly as given and
 * checked only where the contract says (INVALID_PARAMETER_3 at register).
 */
public final class Signature {
    private final byte[] masks;

    private Signature(byte[] masks) {
        this.masks = masks;
    }

    /** A signature of these masks, in parameter order. */
    public static Signature of(ParameterMask... masks) {
        Objects.requireNonNull(masks, "masks");
        byte[] raw = new byte[masks.length];
        for (int i = 0; i < masks.length; i++) {
            raw[i] = (byte) Objects.requireNonNull(masks[i], "mask " + i).raw();
        }
        return new Signature(raw);
    }

    /** A signature of raw mask bytes, copied. */
    public static Signature ofRaw(byte... masks) {
        return new Signature(Objects.requireNonNull(masks, "masks").clone());
    }

    /** The number of parameters. */
    public int parameterCount() {
        return masks.length;
    }

    /** The mask of parameter {@code index}. */
    public ParameterMask mask(int index) {
        return ParameterMask.raw(masks[index] & 0xFF);
    }

    /** A copy of the raw masks. */
    public byte[] toBytes() {
        return masks.clone();
    }

    byte[] rawMasks() {
        return masks;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature && Arrays.equals(((Signature) other).masks, masks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(masks);
    }

    /** e.g. {@code (DWORD, DWORD, POINTER)}. */
    @Override
    public String toString() {
        return Signatures.describe(masks);
    }
}

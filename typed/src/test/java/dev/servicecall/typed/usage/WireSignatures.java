package dev.servicecall.typed.usage;

import static dev.servicecall.api.ParameterMask.BYTE;
import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.NULLABLE_POINTER;
import static dev.servicecall.api.ParameterMask.POINTER;
import static dev.servicecall.api.ParameterMask.QWORD;
import static dev.servicecall.api.ParameterMask.WORD;

import dev.servicecall.api.Signature;
import java.util.Map;

/** The raw signatures of {@link Wire}'s routines, written by hand from the mapping table (not derived by the typed layer). */
final class WireSignatures {
    static final Map<String, Signature> ALL = Map.of(
            "Values", Signature.of(BYTE, WORD, DWORD, QWORD),
            "Narrowed", Signature.of(BYTE, WORD, DWORD, BYTE),
            "RawMasks", Signature.ofRaw((byte) 0x8C, (byte) 0x86, (byte) 0x44, (byte) 0x64, (byte) 0x60),
            "Arrays", Signature.of(POINTER, NULLABLE_POINTER),
            "Buffers", Signature.of(POINTER, NULLABLE_POINTER),
            "Holders", Signature.of(POINTER, POINTER, POINTER, POINTER),
            "Directions", Signature.of(POINTER, POINTER, POINTER),
            "NullableHolders", Signature.of(NULLABLE_POINTER, NULLABLE_POINTER),
            "Check", Signature.of(DWORD),
            "Lenient", Signature.of(POINTER));

    private WireSignatures() {
    }
}

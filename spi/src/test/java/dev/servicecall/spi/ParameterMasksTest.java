package dev.servicecall.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC section 3, rule by rule, on the shared mask rules. */
class ParameterMasksTest {

    @ParameterizedTest
    @ValueSource(ints = {0x88, 0x84, 0x82, 0x81, 0x40, 0x60, 0x8C, 0x8F, 0x4F, 0x6F})
    void validMasks(int mask) {
        assertTrue(ParameterMasks.isValid(mask), () -> ParameterMasks.describe(mask));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x90, 0x50, 0x70, 0xC4, 0xA4, 0xE4, 0x80, 0x00, 0x04, 0x20, 0x24, 0x100, -1})
    void invalidMasks(int mask) {
        assertFalse(ParameterMasks.isValid(mask), () -> ParameterMasks.describe(mask));
    }

    @Test
    void widestSizeBitCounts() {
        assertEquals(8, ParameterMasks.valueWidth(0x8F));
        assertEquals(4, ParameterMasks.valueWidth(0x87));
        assertEquals(2, ParameterMasks.valueWidth(0x83));
        assertEquals(1, ParameterMasks.valueWidth(0x81));
        assertEquals(0, ParameterMasks.valueWidth(0x4F));
    }

    @Test
    void valuesAreTruncatedUnsignedToTheirWidth() {
        assertEquals(0xFF, ParameterMasks.truncate(ParameterMasks.BYTE, 0x1FF));
        assertEquals(0xFFFF, ParameterMasks.truncate(ParameterMasks.WORD, -1));
        assertEquals(0xFFFF_FFFFL, ParameterMasks.truncate(ParameterMasks.DWORD, -1));
        assertEquals(-1L, ParameterMasks.truncate(ParameterMasks.QWORD, -1));
        assertEquals(0, ParameterMasks.truncate(ParameterMasks.POINTER, 123));
    }

    @Test
    void pointerKinds() {
        assertTrue(ParameterMasks.isPointer(0x40));
        assertFalse(ParameterMasks.isNullable(0x40));
        assertTrue(ParameterMasks.isNullable(0x60));
        assertFalse(ParameterMasks.isPointer(0x84));
    }

    @Test
    void signaturesMatchOnRawBytesOnly() {
        assertTrue(Signatures.matches(new byte[] {(byte) 0x88}, new byte[] {(byte) 0x88}));
        assertFalse(Signatures.matches(new byte[] {(byte) 0x8C}, new byte[] {(byte) 0x88}));
        assertFalse(Signatures.matches(new byte[] {(byte) 0x84}, new byte[] {(byte) 0x84, (byte) 0x84}));
    }

    @Test
    void templateChecks() {
        assertEquals(NtStatus.SUCCESS, Signatures.checkTemplate(new byte[] {(byte) 0x84, 0x40}));
        assertEquals(NtStatus.INVALID_PARAMETER_3, Signatures.checkTemplate(new byte[] {(byte) 0x90}));
        assertEquals(NtStatus.INVALID_PARAMETER_3, Signatures.checkTemplate(new byte[ParameterMasks.MAX_PARAMETERS + 1]));
        assertEquals(NtStatus.ACCESS_VIOLATION, Signatures.checkTemplate(null));
    }

    @Test
    void statusesRenderWithHexAndName() {
        assertEquals("0xC00000EF STATUS_INVALID_PARAMETER_1", NtStatus.describe(NtStatus.INVALID_PARAMETER_1));
        assertEquals("0x00001234", NtStatus.describe(0x1234));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../x", "/abs", "a/b", "nul\u0000", ".hidden", "sp ace", "é"})
    void namesThatCannotBeRepresentedAreInvalid(String name) {
        assertEquals(NtStatus.OBJECT_NAME_INVALID, RoutineNames.check(name));
    }

    @Test
    void nameLengthLimit() {
        assertEquals(NtStatus.SUCCESS, RoutineNames.check("a".repeat(RoutineNames.MAX_LENGTH)));
        assertEquals(NtStatus.OBJECT_NAME_INVALID, RoutineNames.check("a".repeat(RoutineNames.MAX_LENGTH + 1)));
        assertEquals(NtStatus.SUCCESS, RoutineNames.check("ServerPlusInt.v2_x-1"));
    }
}

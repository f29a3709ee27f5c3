package dev.servicecall.tck;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.NULLABLE_POINTER;
import static dev.servicecall.api.ParameterMask.POINTER;
import static dev.servicecall.api.ParameterMask.QWORD;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.ParameterMasks;
import dev.servicecall.tck.fixture.Fixture;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC section 3: which masks are valid, INVALID_PARAMETER_2 at a call and INVALID_PARAMETER_3 at
 * register, signature matching by raw bytes, and values truncated to their width, unsigned.
 */
public abstract class MaskAndSignatureRules extends RuleTestBase {

    @Test
    void mask_reservedBit_isInvalidParameter2() {
        rule("SPEC §3: a mask with bit 4 (reserved) set is invalid; a call with it fails with INVALID_PARAMETER_2");
        expectCallRejected(Parameter.value(ParameterMask.raw(0x94), 1));
        expectCallRejected(Parameter.pointer(ParameterMask.raw(0x50), new byte[4], 0, 4));
    }

    @Test
    void mask_vlWithPt_isInvalidParameter2() {
        rule("SPEC §3: VL together with PT is invalid; a call with it fails with INVALID_PARAMETER_2");
        expectCallRejected(Parameter.value(ParameterMask.raw(0xC4), 1));
        expectCallRejected(Parameter.pointer(ParameterMask.raw(0xC4), new byte[4], 0, 4));
    }

    @Test
    void mask_vlWithNl_isInvalidParameter2() {
        rule("SPEC §3: VL together with NL is invalid; a call with it fails with INVALID_PARAMETER_2");
        expectCallRejected(Parameter.value(ParameterMask.raw(0xA4), 1));
    }

    @Test
    void mask_vlWithoutSizeBit_isInvalidParameter2() {
        rule("SPEC §3: VL with no size bit is invalid; a call with it fails with INVALID_PARAMETER_2");
        expectCallRejected(Parameter.value(ParameterMask.raw(0x80), 1));
    }

    @Test
    void mask_neitherVlNorPt_isInvalidParameter2() {
        rule("SPEC §3: a mask with VL and PT both clear is invalid (0x00, 0x04, NL alone 0x20); a call with it fails"
                + " with INVALID_PARAMETER_2");
        expectCallRejected(Parameter.value(ParameterMask.raw(0x00), 1));
        expectCallRejected(Parameter.value(ParameterMask.raw(0x04), 1));
        expectCallRejected(Parameter.pointer(ParameterMask.raw(0x20), new byte[4], 0, 4));
    }

    @Test
    void mask_nullForNonNullablePointer_isInvalidParameter2() {
        rule("SPEC §2/§3: a null for a pointer that is not nullable fails with INVALID_PARAMETER_2");
        String increment = serve(Fixture.INCREMENT);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(increment, Parameter.pointer((byte[]) null)));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2,
                call(increment, Parameter.pointer(ParameterMask.POINTER, (ByteBuffer) null, 0)));
        expectNotRun(increment);
    }

    @Test
    void mask_bufferForValueMask_isInvalidParameter2() {
        rule("SPEC §3: a buffer passed under a value mask does not fit the mask: INVALID_PARAMETER_2");
        String status = serve(Fixture.STATUS);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(status, Parameter.pointer(DWORD, new byte[4], 0, 4)));
        expectNotRun(status);
    }

    @Test
    void mask_moreThan64ParametersInCall_isInvalidParameter2() {
        rule("SPEC §2/§3: a call with more parameters than a signature may have (64) fails with INVALID_PARAMETER_2");
        service();
        Parameter[] many = new Parameter[ParameterMasks.MAX_PARAMETERS + 1];
        Arrays.fill(many, Parameter.dword(1));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(name("many"), many));
    }

    @ParameterizedTest(name = "mask 0x{0}")
    @ValueSource(strings = {"94", "50", "C4", "A4", "80", "00", "04", "20", "E0", "FF"})
    void template_invalidMask_isInvalidParameter3(String hex) {
        int mask = Integer.parseInt(hex, 16);
        rule("SPEC §2/§3 INVALID_PARAMETER_3: register with an invalid mask (0x" + hex + ") in the template fails and"
                + " registers nothing");
        String name = name("bad-template");
        expectTransportStatus(NtStatus.INVALID_PARAMETER_3, attempt("register", () -> {
            service().register(name, Fixture.STATUS, Signature.of(DWORD, ParameterMask.raw(mask)));
            return 0;
        }));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(name, Parameter.dword(1), Parameter.dword(1)));
    }

    @Test
    void template_moreThan64Parameters_isInvalidParameter3() {
        rule("SPEC §2 INVALID_PARAMETER_3: register with a template of more than 64 parameters fails");
        String name = name("too-many");
        ParameterMask[] masks = new ParameterMask[ParameterMasks.MAX_PARAMETERS + 1];
        Arrays.fill(masks, DWORD);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_3, attempt("register", () -> {
            service().register(name, Fixture.STATUS, Signature.of(masks));
            return 0;
        }));
    }

    @Test
    void template_64Parameters_registeredAndEachValueDelivered() {
        rule("SPEC §3: a signature of 64 parameters (the most) is valid; each of the 63 values reaches the routine in"
                + " its place");
        ParameterMask[] masks = new ParameterMask[ParameterMasks.MAX_PARAMETERS];
        Arrays.fill(masks, QWORD);
        masks[masks.length - 1] = POINTER;
        String values = serve(Fixture.VALUES, Signature.of(masks));
        Parameter[] parameters = new Parameter[masks.length];
        byte[] out = new byte[8 * masks.length];
        for (int i = 0; i < masks.length - 1; i++) {
            parameters[i] = Parameter.qword(0x0101_0101_0101_0101L * i + 7);
        }
        parameters[masks.length - 1] = Parameter.pointer(out);
        expectServiceStatus(0, call(values, parameters));
        for (int i = 0; i < masks.length - 1; i++) {
            long seen = Bytes.longLe(out, 8 * i);
            expect(seen == 0x0101_0101_0101_0101L * i + 7, "parameter " + i + " = " + Long.toHexString(0x0101_0101_0101_0101L * i + 7),
                    Long.toHexString(seen));
        }
    }

    @Test
    void template_noParameters_registeredAndCallable() {
        rule("SPEC §3: a signature of no parameters is valid; the call reaches the routine");
        String fill = serve(Fixture.FILL_INDEX, Signature.of());
        expectServiceStatus(0, call(fill));
        expect(service().enteredCount(fill) == 1, "the routine run once", service().enteredCount(fill));
    }

    @Test
    void mask_pointerSizeBitsIgnored() {
        rule("SPEC §3: with PT set the size bits are ignored: 0x4F is a valid pointer whose buffer is mapped and"
                + " written back (and 0x6F a nullable one)");
        String increment = serve(Fixture.INCREMENT, Signature.of(ParameterMask.raw(0x4F), ParameterMask.raw(0x6F)));
        byte[] first = Bytes.counting(10, 0);
        byte[] second = Bytes.counting(3, 50);
        expectServiceStatus(13, call(increment, Parameter.pointer(ParameterMask.raw(0x4F), first, 0, 10),
                Parameter.pointer(ParameterMask.raw(0x6F), second, 0, 3)));
        expectBytes("the 0x4F buffer incremented", Bytes.incremented(Bytes.counting(10, 0)), first);
        expectBytes("the 0x6F buffer incremented", Bytes.incremented(Bytes.counting(3, 50)), second);
        expectServiceStatus(10, call(increment, Parameter.pointer(ParameterMask.raw(0x4F), first, 0, 10),
                Parameter.pointer(ParameterMask.raw(0x6F), (byte[]) null, 0, 0)));
    }

    @Test
    void mask_severalSizeBits_widestCounts() {
        rule("SPEC §3: with several size bits the widest counts: 0x83 is 16-bit, 0x87 32-bit, 0x8F 64-bit");
        Signature signature = Signature.of(ParameterMask.raw(0x83), ParameterMask.raw(0x87), ParameterMask.raw(0x8F), POINTER);
        String values = serve(Fixture.VALUES, signature);
        long value = 0x1234_5678_9ABC_DEF1L;
        byte[] out = new byte[32];
        expectServiceStatus(0, call(values, Parameter.value(ParameterMask.raw(0x83), value),
                Parameter.value(ParameterMask.raw(0x87), value), Parameter.value(ParameterMask.raw(0x8F), value),
                Parameter.pointer(out)));
        expectValue("0x83 (widest WO)", 0xDEF1L, Bytes.longLe(out, 0));
        expectValue("0x87 (widest DW)", 0x9ABC_DEF1L, Bytes.longLe(out, 8));
        expectValue("0x8F (widest QW)", value, Bytes.longLe(out, 16));
    }

    @Test
    void value_byte_truncatedUnsigned() {
        rule("SPEC §3: a BYTE value reaches the routine truncated to 8 bits, unsigned (0x1FF arrives as 0xFF)");
        expectValueArrives(ParameterMask.BYTE, 0x1FF, 0xFF);
        expectValueArrives(ParameterMask.BYTE, -1, 0xFF);
        expectValueArrives(ParameterMask.BYTE, 0x180, 0x80);
    }

    @Test
    void value_word_truncatedUnsigned() {
        rule("SPEC §3: a WORD value reaches the routine truncated to 16 bits, unsigned (0x1FFFF arrives as 0xFFFF)");
        expectValueArrives(ParameterMask.WORD, 0x1FFFF, 0xFFFF);
        expectValueArrives(ParameterMask.WORD, -2, 0xFFFE);
        expectValueArrives(ParameterMask.WORD, 0x1_8001, 0x8001);
    }

    @Test
    void value_dword_truncatedUnsigned() {
        rule("SPEC §3: a DWORD value reaches the routine truncated to 32 bits, unsigned (0x1FFFFFFFF arrives as"
                + " 0xFFFFFFFF)");
        expectValueArrives(ParameterMask.DWORD, 0x1_FFFF_FFFFL, 0xFFFF_FFFFL);
        expectValueArrives(ParameterMask.DWORD, -1, 0xFFFF_FFFFL);
        expectValueArrives(ParameterMask.DWORD, 0x7_8000_0000L, 0x8000_0000L);
    }

    @Test
    void value_qword_arrivesWhole() {
        rule("SPEC §3: a QWORD value reaches the routine whole, all 64 bits");
        expectValueArrives(ParameterMask.QWORD, 0x8000_0000_0000_0001L, 0x8000_0000_0000_0001L);
        expectValueArrives(ParameterMask.QWORD, -1, -1);
        expectValueArrives(ParameterMask.QWORD, 0x0123_4567_89AB_CDEFL, 0x0123_4567_89AB_CDEFL);
    }

    @Test
    void mask_routineSeesRawMasks() {
        rule("SPEC §3: masks are raw bytes; the routine sees exactly the registered masks (0x8C stays 0x8C)");
        Signature signature = Signature.of(ParameterMask.raw(0x8C), ParameterMask.raw(0x6F), ParameterMask.raw(0x4F));
        String describe = serve(Fixture.DESCRIBE, signature);
        byte[] out = new byte[256];
        expectServiceStatus(0, call(describe, Parameter.value(ParameterMask.raw(0x8C), 5),
                Parameter.pointer(ParameterMask.raw(0x6F), (byte[]) null, 0, 0),
                Parameter.pointer(ParameterMask.raw(0x4F), out, 0, out.length)));
        String seen = Bytes.ascii(out);
        expect(seen.startsWith("0:8C:val5 1:6F:null 2:4F:buf256#"), "masks 8C, 6F, 4F as registered", seen);
    }

    @Test
    void signature_sameMeaningDifferentBits_isInvalidParameter2() {
        rule("SPEC §3: signatures match only with identical raw masks: 0x8C and 0x88 are both 64-bit but different"
                + " signatures; the call fails with INVALID_PARAMETER_2 and the routine does not run");
        String values = serve(Fixture.VALUES, Signature.of(ParameterMask.raw(0x8C), POINTER));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(values, Parameter.qword(1), Parameter.pointer(new byte[8])));
        expectNotRun(values);
        byte[] out = new byte[8];
        expectServiceStatus(0, call(values, Parameter.value(ParameterMask.raw(0x8C), 1), Parameter.pointer(out)));
    }

    @Test
    void signature_differentCount_isInvalidParameter2() {
        rule("SPEC §3: a call with fewer or more parameters than registered fails with INVALID_PARAMETER_2");
        String plus = serve(Fixture.PLUS);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(plus, Parameter.dword(1), Parameter.dword(2)));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(plus, Parameter.dword(1), Parameter.dword(2),
                Parameter.pointer(new byte[4]), Parameter.dword(3)));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(plus));
        expectNotRun(plus);
    }

    @Test
    void signature_valueWherePointerRegistered_isInvalidParameter2() {
        rule("SPEC §3: a value where the signature has a pointer (or the reverse) fails with INVALID_PARAMETER_2");
        String plus = serve(Fixture.PLUS);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(plus, Parameter.dword(1), Parameter.dword(2), Parameter.dword(3)));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(plus, Parameter.pointer(new byte[4]), Parameter.dword(2),
                Parameter.pointer(new byte[4])));
        expectNotRun(plus);
    }

    @Test
    void signature_nullableVersusNonNullable_isInvalidParameter2() {
        rule("SPEC §3: POINTER (0x40) and NULLABLE_POINTER (0x60) are different signatures: INVALID_PARAMETER_2");
        String increment = serve(Fixture.INCREMENT, Signature.of(POINTER));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(increment, Parameter.nullablePointer(new byte[2])));
        String nullable = serve(Fixture.INCREMENT, Signature.of(NULLABLE_POINTER));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(nullable, Parameter.pointer(new byte[2])));
        expectNotRun(increment);
        expectNotRun(nullable);
    }

    @Test
    void signature_differentWidth_isInvalidParameter2() {
        rule("SPEC §3: a DWORD where a QWORD is registered fails with INVALID_PARAMETER_2 (no widening)");
        String status = serve(Fixture.STATUS, Signature.of(QWORD));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(status, Parameter.dword(1)));
        expectNotRun(status);
    }

    // ---- helpers ----

    private void expectCallRejected(Parameter parameter) {
        String status = serve(Fixture.STATUS);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(status, parameter));
        expectNotRun(status);
    }

    private void expectValueArrives(ParameterMask mask, long given, long expected) {
        String values = serve(Fixture.VALUES, Signature.of(mask, POINTER));
        byte[] out = new byte[8];
        expectServiceStatus(0, call(values, Parameter.value(mask, given), Parameter.pointer(out)));
        expectValue(mask + " " + Long.toHexString(given), expected, Bytes.longLe(out, 0));
    }

    private void expectValue(String what, long expected, long seen) {
        expect(seen == expected, what + " arrives as 0x" + Long.toHexString(expected), "0x" + Long.toHexString(seen));
    }

}

package dev.servicecall.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.Parameter;
import dev.servicecall.spi.ParameterMasks;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {
    private static CallArgument parse(String word) throws UsageException {
        return ArgumentParser.parse("call", 1, word);
    }

    private static UsageException rejected(int position, String word) {
        return assertThrows(UsageException.class, () -> ArgumentParser.parse("call", position, word), word);
    }

    @Test
    void values_eachWidth_decimalHexAndNegative() throws Exception {
        CallArgument b = parse("byte:255");
        assertEquals(ParameterMasks.BYTE, b.mask());
        assertEquals(255, b.value());
        assertEquals(ParameterMasks.WORD, parse("word:0xFFFF").mask());
        assertEquals(0xFFFF, parse("word:0xFFFF").value());
        assertEquals(ParameterMasks.DWORD, parse("dword:1").mask());
        assertEquals(-1, parse("dword:-1").value(), "negative values travel as their bit pattern");
        assertEquals(0xC0000001L, parse("DWORD:0xc0000001").value(), "kind and hex digits are case-insensitive");
        CallArgument q = parse("qword:0xFFFFFFFFFFFFFFFF");
        assertEquals(ParameterMasks.QWORD, q.mask());
        assertEquals(-1L, q.value());
        assertEquals(Long.MIN_VALUE, parse("qword:-9223372036854775808").value());
        assertFalse(q.isBuffer());
        assertFalse(q.isNull());
    }

    @Test
    void values_outsideTheirWidth_areRejectedWithTheRange() {
        UsageException e = rejected(3, "byte:256");
        assertTrue(e.getMessage().startsWith("argument 3 'byte:256': value 256 does not fit in 8 bits (-128..255)"),
                e.getMessage());
        rejected(1, "byte:-129");
        rejected(1, "word:65536");
        rejected(1, "dword:0x100000000");
        rejected(1, "qword:18446744073709551616");
        rejected(1, "dword:");
        rejected(1, "dword");
        rejected(1, "dword:12abc");
        rejected(1, "dword:0x");
        rejected(1, "dword:--1");
    }

    @Test
    void pointers_sizeHexAndBoth() throws Exception {
        CallArgument zeroed = parse("ptr:4");
        assertEquals(ParameterMasks.POINTER, zeroed.mask());
        assertEquals(4, zeroed.size());
        assertArrayEquals(new byte[0], zeroed.initialBytes());
        assertEquals(16, parse("ptr:0x10").size());

        CallArgument bytes = parse("ptr:hex:0A0b0C");
        assertEquals(3, bytes.size());
        assertArrayEquals(new byte[] {0x0A, 0x0B, 0x0C}, bytes.initialBytes());
        assertEquals(0, parse("ptr:hex:").size(), "an empty buffer is legal");

        CallArgument both = parse("ptr:8:hex:ffee");
        assertEquals(8, both.size());
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xEE}, both.initialBytes());
        assertTrue(both.isBuffer());

        CallArgument nullable = parse("nptr:hex:01");
        assertEquals(ParameterMasks.NULLABLE_POINTER, nullable.mask());
        assertEquals(1, nullable.size());
        assertEquals(ParameterMasks.NULLABLE_POINTER, parse("nptr:2:hex:01").mask());

        CallArgument none = parse("nullptr");
        assertTrue(none.isNull());
        assertEquals(ParameterMasks.NULLABLE_POINTER, none.mask());
    }

    @Test
    void pointers_malformed_areRejected() {
        rejected(1, "ptr");
        rejected(1, "ptr:-1");
        rejected(1, "ptr:1073741825");
        rejected(1, "ptr:hex:abc");
        rejected(1, "ptr:hex:zz");
        rejected(1, "ptr:1:hex:0102");
        rejected(1, "nullptr:4");
        assertTrue(rejected(1, "ptr:2:hex:010203").getMessage().contains("do not fit"));
    }

    @Test
    void rawMasks_valueOrBufferByThePointerBit_invalidMasksAllowed() throws Exception {
        CallArgument wide = parse("mask:0x8C:5");
        assertEquals(0x8C, wide.mask());
        assertEquals(5, wide.value());
        assertEquals(0x1FF, parse("mask:0x81:0x1FF").value(), "raw values are not truncated by the tool");
        CallArgument raw = parse("mask:0x40:hex:0102");
        assertEquals(0x40, raw.mask());
        assertEquals(2, raw.size());
        CallArgument nonNullableNull = parse("mask:64:null");
        assertTrue(nonNullableNull.isNull());
        assertEquals(0x40, nonNullableNull.mask());
        assertEquals(0x10, parse("mask:0x10:0").mask(), "an invalid mask is sent as asked, to see its status");
        rejected(1, "mask:0x100:1");
        rejected(1, "mask:0x84");
        rejected(1, "mask:x:1");
    }

    @Test
    void unknownKind_namesPositionAndListsTheSyntax() {
        UsageException e = rejected(2, "dwrd:1");
        assertEquals("call", e.command());
        assertTrue(e.getMessage().startsWith("argument 2 'dwrd:1': unknown kind 'dwrd'"), e.getMessage());
        assertTrue(e.getMessage().contains("ptr:SIZE") && e.getMessage().contains("nullptr")
                && e.getMessage().contains("mask:M:REST"), e.getMessage());
    }

    @Test
    void parseAll_atMost64_andPositionsAreOneBased() throws Exception {
        assertEquals(3, ArgumentParser.parseAll("call", List.of("dword:1", "dword:2", "ptr:4")).size());
        UsageException e = assertThrows(UsageException.class,
                () -> ArgumentParser.parseAll("call", List.of("dword:1", "dword:2", "ptr")));
        assertTrue(e.getMessage().startsWith("argument 3 'ptr'"), e.getMessage());
        assertThrows(UsageException.class, () -> ArgumentParser.parseAll("call", Collections.nCopies(65, "byte:0")));
    }

    @Test
    void toParameter_givesAFreshBufferEachTime_withTheInitialBytes() throws Exception {
        CallArgument argument = parse("ptr:4:hex:01");
        Parameter first = argument.toParameter();
        Parameter second = argument.toParameter();
        ByteBuffer a = first.region();
        assertEquals(4, first.size());
        assertEquals(1, a.get(0));
        a.put(0, (byte) 9);
        assertEquals(1, second.region().get(0), "bench threads never share a buffer");
        assertNull(parse("nullptr").toParameter().region());
        assertEquals(ParameterMasks.NULLABLE_POINTER, parse("nullptr").toParameter().mask().raw());
        assertEquals(0x40, parse("mask:0x40:null").toParameter().mask().raw());
        assertEquals(7, parse("dword:7").toParameter().value());
    }

    @Test
    void templates_fitTheSignature_andParseBack() throws Exception {
        byte[] signature = {(byte) 0x81, (byte) 0x82, (byte) 0x84, (byte) 0x88, 0x40, 0x60, (byte) 0x8C, 0x4F};
        List<String> words = ArgumentTemplates.forSignature(signature);
        assertEquals(List.of("byte:0", "word:0", "dword:0", "qword:0", "ptr:16", "nullptr", "mask:0x8C:0",
                "mask:0x4F:16"), words);
        List<CallArgument> arguments = ArgumentParser.parseAll("bench", words);
        for (int i = 0; i < signature.length; i++) {
            assertEquals(signature[i] & 0xFF, arguments.get(i).mask());
        }
    }
}

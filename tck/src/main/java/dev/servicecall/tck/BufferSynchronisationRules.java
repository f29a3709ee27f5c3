package dev.servicecall.tck;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.NULLABLE_POINTER;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.tck.fixture.Fixture;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 4: pointer buffers are mapped as snapshots of exactly the declared size, never
 * aliasing the caller's memory, and written back whole, in parameter order, only when the routine
 * returns normally.
 */
public abstract class BufferSynchronisationRules extends RuleTestBase {
    private static final int MIB_64 = 64 << 20;

    @Test
    void buffer_byteArray_writtenBackWhole() {
        rule("SPEC §4: the routine sees the caller's bytes; when it returns, its buffer is copied back into the"
                + " caller's byte[], whole");
        String increment = serve(Fixture.INCREMENT);
        byte[] memory = Bytes.counting(300, 7);
        expectServiceStatus(300, call(increment, Parameter.pointer(memory)));
        expectBytes("every byte incremented by the routine", Bytes.incremented(Bytes.counting(300, 7)), memory);
    }

    @Test
    void buffer_byteArraySlice_onlyTheSliceMappedAndWrittenBack() {
        rule("SPEC §4: a byte[] slice [offset, offset+size) is what the routine sees (exactly size bytes, the slice's"
                + " contents) and the only bytes written back");
        String describe = serve(Fixture.DESCRIBE);
        byte[] memory = Bytes.counting(40, 100);
        byte[] out = new byte[256];
        expectServiceStatus(0, call(describe, Parameter.dword(1), Parameter.pointer(NULLABLE_POINTER, memory, 8, 12),
                Parameter.pointer(out)));
        String seen = Bytes.ascii(out);
        String expected = "1:60:buf12#" + Bytes.crc32(memory, 8, 12);
        expect(seen.contains(expected), "the routine sees '" + expected + "' (12 bytes, the slice's crc)", seen);

        String increment = serve(Fixture.INCREMENT);
        expectServiceStatus(12, call(increment, Parameter.pointer(memory, 8, 12)));
        byte[] expectedMemory = Bytes.counting(40, 100);
        for (int i = 8; i < 20; i++) {
            expectedMemory[i]++;
        }
        expectBytes("only the slice [8, 20) written back", expectedMemory, memory);
    }

    @Test
    void buffer_heapByteBuffer_regionFromPosition_positionAndLimitUntouched() {
        rule("SPEC §4: a heap ByteBuffer's region [position, position+size) is mapped and written back; the call"
                + " leaves position and limit as they were");
        expectByteBufferRegion(ByteBuffer.allocate(48));
    }

    @Test
    void buffer_directByteBuffer_regionFromPosition_positionAndLimitUntouched() {
        rule("SPEC §4: a direct ByteBuffer's region [position, position+size) is mapped and written back; the call"
                + " leaves position and limit as they were");
        expectByteBufferRegion(ByteBuffer.allocateDirect(48));
    }

    @Test
    void buffer_routineSeesExactlyTheDeclaredSize() {
        rule("SPEC §4: the routine's buffer is exactly the declared size (position 0, limit = capacity = size),"
                + " whatever the size of the caller's array or buffer");
        String describe = serve(Fixture.DESCRIBE);
        byte[] out = new byte[256];
        ByteBuffer big = ByteBuffer.allocate(1000).position(100);
        expectServiceStatus(0, call(describe, Parameter.dword(0), Parameter.pointer(NULLABLE_POINTER, big, 33),
                Parameter.pointer(out, 0, 200)));
        String seen = Bytes.ascii(out);
        expect(seen.matches("0:84:val0 1:60:buf33#[0-9a-f]{8} 2:40:buf200#[0-9a-f]{8}"),
                "buffers of exactly 33 and 200 bytes", seen);
    }

    @Test
    void buffer_zeroLength_isLegal() {
        rule("SPEC §4: zero-length buffers are legal: the routine gets an empty buffer, nothing else changes");
        String describe = serve(Fixture.DESCRIBE);
        byte[] out = new byte[128];
        byte[] memory = Bytes.counting(4, 1);
        expectServiceStatus(0, call(describe, Parameter.dword(0), Parameter.pointer(NULLABLE_POINTER, memory, 2, 0),
                Parameter.pointer(out)));
        String seen = Bytes.ascii(out);
        expect(seen.contains("1:60:buf0#00000000"), "an empty, non-null buffer", seen);
        String increment = serve(Fixture.INCREMENT, Signature.of(POINTER, POINTER));
        expectServiceStatus(0, call(increment, Parameter.pointer(new byte[0]), Parameter.pointer(ByteBuffer.allocateDirect(0))));
        expectBytes("the caller's memory around the empty slice untouched", Bytes.counting(4, 1), memory);
    }

    @Test
    void buffer_nullNullablePointer_reachesRoutineAsNull() {
        rule("SPEC §4: a nullable pointer passed as null reaches the routine as null; nothing is mapped or copied back");
        String describe = serve(Fixture.DESCRIBE);
        byte[] out = new byte[128];
        expectServiceStatus(0, call(describe, Parameter.dword(3), Parameter.nullPointer(), Parameter.pointer(out)));
        String seen = Bytes.ascii(out);
        expect(seen.startsWith("0:84:val3 1:60:null 2:40:buf128#"), "parameter 1 seen as null", seen);
    }

    @Test
    void buffer_nullAndNonNullPointers_nonNullStillWrittenBack() {
        rule("SPEC §4: beside a null nullable pointer, every non-null pointer is still written back");
        String fill = serve(Fixture.FILL_INDEX, Signature.of(NULLABLE_POINTER, POINTER, NULLABLE_POINTER));
        byte[] middle = new byte[6];
        byte[] last = new byte[3];
        expectServiceStatus(2, call(fill, Parameter.nullPointer(), Parameter.pointer(middle), Parameter.nullablePointer(last)));
        expectBytes("parameter 1 filled with 0x11", Bytes.filled(6, 0x11), middle);
        expectBytes("parameter 2 (nullable, given memory) filled with 0x12", Bytes.filled(3, 0x12), last);
    }

    @Test
    void buffer_severalPointers_eachWrittenBackToItsOwnRegion() {
        rule("SPEC §4: several pointers of every kind (byte[], byte[] slice, heap and direct ByteBuffer) are each"
                + " mapped and written back into their own region, nothing around them touched");
        Signature signature = Signature.of(POINTER, POINTER, POINTER, POINTER);
        String fill = serve(Fixture.FILL_INDEX, signature);
        byte[] whole = new byte[5];
        byte[] sliced = Bytes.counting(20, 0);
        ByteBuffer heap = ByteBuffer.wrap(Bytes.counting(16, 0)).position(3);
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put(Bytes.counting(16, 0)).position(9);
        expectServiceStatus(4, call(fill, Parameter.pointer(whole), Parameter.pointer(sliced, 10, 5),
                Parameter.pointer(heap, 4), Parameter.pointer(direct, 7)));
        expectBytes("byte[] filled with 0x10", Bytes.filled(5, 0x10), whole);
        byte[] expectedSlice = Bytes.counting(20, 0);
        Arrays.fill(expectedSlice, 10, 15, (byte) 0x11);
        expectBytes("slice [10, 15) filled with 0x11", expectedSlice, sliced);
        byte[] expectedHeap = Bytes.counting(16, 0);
        Arrays.fill(expectedHeap, 3, 7, (byte) 0x12);
        expectBytes("heap buffer [3, 7) filled with 0x12", expectedHeap, Bytes.contents(heap));
        byte[] expectedDirect = Bytes.counting(16, 0);
        Arrays.fill(expectedDirect, 9, 16, (byte) 0x13);
        expectBytes("direct buffer [9, 16) filled with 0x13", expectedDirect, Bytes.contents(direct));
        expect(heap.position() == 3 && direct.position() == 9, "positions 3 and 9 unchanged",
                heap.position() + " and " + direct.position());
    }

    @Test
    void buffer_writtenBackInParameterOrder() {
        rule("SPEC §4: buffers are written back in parameter order: where two parameters cover the same bytes, the"
                + " later parameter wins");
        String fill = serve(Fixture.FILL_INDEX);
        byte[] memory = new byte[16];
        expectServiceStatus(2, call(fill, Parameter.pointer(memory, 0, 10), Parameter.pointer(memory, 6, 10)));
        byte[] expected = new byte[16];
        Arrays.fill(expected, 0, 6, (byte) 0x10);
        Arrays.fill(expected, 6, 16, (byte) 0x11);
        expectBytes("[0,6) from parameter 0, [6,16) from parameter 1 (later wins)", expected, memory);

        byte[] reversed = new byte[16];
        expectServiceStatus(2, call(fill, Parameter.pointer(reversed, 6, 10), Parameter.pointer(reversed, 0, 10)));
        Arrays.fill(expected, 0, 10, (byte) 0x11);
        Arrays.fill(expected, 10, 16, (byte) 0x10);
        expectBytes("[0,10) from parameter 1 (later wins), [10,16) from parameter 0", expected, reversed);
    }

    @Test
    void buffer_sameRegionTwice_laterParameterWins() {
        rule("SPEC §4: two parameters over the very same region: the later one's buffer is what the caller keeps, and"
                + " each routine buffer started as its own snapshot");
        String fill = serve(Fixture.FILL_INDEX, Signature.of(POINTER, POINTER, POINTER));
        ByteBuffer direct = ByteBuffer.allocateDirect(8);
        expectServiceStatus(3, call(fill, Parameter.pointer(direct, 8), Parameter.pointer(direct, 8),
                Parameter.pointer(direct, 8)));
        expectBytes("the region filled by the last parameter (0x12)", Bytes.filled(8, 0x12), Bytes.contents(direct));
    }

    @Test
    void buffer_64MiB_byteArray_hashMatchesBothWays() {
        rule("SPEC §4: a 64 MiB buffer reaches the routine intact and comes back intact (SHA-256 checked both ways)");
        byte[] data = Bytes.random(MIB_64, 64);
        byte[] sent = Bytes.sha256(data);
        byte[] expectedBack = Bytes.sha256OfComplement(data);
        byte[] digest = new byte[32];
        String hash = serve(Fixture.HASH);
        expectServiceStatus(0, call(hash, Parameter.pointer(data), Parameter.pointer(digest)));
        expectBytes("the routine's SHA-256 of the 64 MiB it received", sent, digest);
        expectBytes("SHA-256 of the 64 MiB written back (every byte complemented)", expectedBack, Bytes.sha256(data));
    }

    @Test
    void buffer_64MiB_directBuffer_hashMatchesBothWays() {
        rule("SPEC §4: a 64 MiB direct ByteBuffer region reaches the routine intact and comes back intact (SHA-256"
                + " checked both ways)");
        byte[] data = Bytes.random(MIB_64, 65);
        byte[] sent = Bytes.sha256(data);
        byte[] expectedBack = Bytes.sha256OfComplement(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(MIB_64 + 16).position(16);
        direct.put(data).position(16);
        data = null;
        ByteBuffer digest = ByteBuffer.allocateDirect(32);
        String hash = serve(Fixture.HASH);
        expectServiceStatus(0, call(hash, Parameter.pointer(direct, MIB_64), Parameter.pointer(digest, 32)));
        expectBytes("the routine's SHA-256 of the 64 MiB it received", sent, Bytes.contents(digest));
        expectBytes("SHA-256 of the 64 MiB written back (every byte complemented)", expectedBack,
                Bytes.sha256(direct.duplicate().position(16)));
        expect(direct.position() == 16, "position 16 unchanged", direct.position());
    }

    @Test
    void buffer_callerMemoryUntouchedUntilRoutineReturns() {
        rule("SPEC §4: the routine never aliases the caller's memory: what it writes reaches the caller only when it"
                + " returns");
        String hold = serve(Fixture.HOLD);
        byte[] memory = Bytes.counting(64, 1);
        Pending pending = startCall(hold, CallOptions.defaults(), Parameter.pointer(memory));
        awaitEntered(service(), hold, 1);
        expectBytes("the caller's bytes unchanged while the routine (which filled its buffer with 0x5A) runs",
                Bytes.counting(64, 1), memory.clone());
        service().release(hold);
        expectServiceStatus(0, pending.await());
        expectBytes("the routine's 0x5A written back after it returned", Bytes.filled(64, Fixture.HOLD_BYTE), memory);
    }

    @Test
    void buffer_routineSeesSnapshot_notTheCallersLiveMemory() {
        rule("SPEC §4: the routine's buffer is a snapshot: the caller's memory changing during the call does not"
                + " change the routine's buffer, and the routine's bytes are what the caller gets back");
        String hold = serve(Fixture.HOLD);
        ByteBuffer direct = ByteBuffer.allocateDirect(64).put(Bytes.counting(64, 1)).clear();
        Pending pending = startCall(hold, CallOptions.defaults(), Parameter.pointer(direct, 64));
        awaitEntered(service(), hold, 1);
        direct.duplicate().put(Bytes.filled(64, 0x33));
        service().release(hold);
        Outcome outcome = pending.await();
        expect(!outcome.returned(Fixture.HOLD_SAW_FOREIGN_WRITE), "the routine's buffer unaffected by the caller's"
                + " writes during the call", "the routine saw the caller's writes (its buffer aliases caller memory)");
        expectServiceStatus(0, outcome);
        expectBytes("the routine's 0x5A written back over the caller's 0x33", Bytes.filled(64, Fixture.HOLD_BYTE),
                Bytes.contents(direct));
    }

    @Test
    void buffer_routineThrows_nothingWrittenBack() {
        rule("SPEC §4: when the routine throws (service status UNHANDLED_EXCEPTION) nothing is copied back, although"
                + " it wrote into its buffers");
        String thrower = serve(Fixture.THROW, Signature.of(POINTER, NULLABLE_POINTER));
        byte[] memory = Bytes.counting(32, 9);
        ByteBuffer direct = ByteBuffer.allocateDirect(8).put(Bytes.counting(8, 9)).clear();
        expectServiceStatus(NtStatus.UNHANDLED_EXCEPTION, call(thrower, Parameter.pointer(memory),
                Parameter.nullablePointer(direct, 8)));
        expectBytes("the caller's byte[] untouched", Bytes.counting(32, 9), memory);
        expectBytes("the caller's direct buffer untouched", Bytes.counting(8, 9), Bytes.contents(direct));
    }

    @Test
    void buffer_writtenBackWhateverServiceStatusTheRoutineReturns() {
        rule("SPEC §4: a routine that returns normally has its buffers written back whatever service status it"
                + " returns (a non-zero status is not a failure)");
        String fill = serve(Fixture.FILL_INDEX, Signature.of(DWORD, POINTER));
        byte[] memory = new byte[4];
        expectServiceStatus(1, call(fill, Parameter.dword(0), Parameter.pointer(memory)));
        expectBytes("parameter 1 filled with 0x11 although the service status is 1", Bytes.filled(4, 0x11), memory);
    }

    // ---- helpers ----

    private void expectByteBufferRegion(ByteBuffer buffer) {
        buffer.put(Bytes.counting(48, 0)).clear();
        buffer.position(5).limit(40);
        String increment = serve(Fixture.INCREMENT);
        expectServiceStatus(20, call(increment, Parameter.pointer(buffer, 20)));
        expect(buffer.position() == 5 && buffer.limit() == 40, "position 5 and limit 40 unchanged",
                "position " + buffer.position() + ", limit " + buffer.limit());
        byte[] expected = Bytes.counting(48, 0);
        for (int i = 5; i < 25; i++) {
            expected[i]++;
        }
        expectBytes("only [5, 25) incremented", expected, Bytes.contents(buffer));
    }
}

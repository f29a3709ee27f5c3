package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EchoTransformTest {

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        SplittableRandom random = new SplittableRandom(size);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) random.nextInt(256);
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 4095, 4096, 4097, 4104, 4105, 1 << 20})
    void transform_flipsFirstBytesOfEveryPageAndTheLastByte_andNothingElse(int size) {
        byte[] sent = random(size);
        byte[] echoed = sent.clone();
        EchoTransform.apply(echoed);
        for (int i = 0; i < size; i++) {
            if (EchoTransform.touches(i, size)) {
                assertEquals((byte) (sent[i] ^ 0x5A), echoed[i], "byte " + i + " of " + size + " must be flipped");
            } else {
                assertEquals(sent[i], echoed[i], "byte " + i + " of " + size + " must be untouched");
            }
        }
        EchoTransform.verify("size " + size, sent, echoed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 4096, 4097, 1 << 20})
    void transform_isItsOwnInverse_andChangesTheBuffer(int size) {
        byte[] sent = random(size);
        byte[] data = sent.clone();
        EchoTransform.apply(data);
        assertNotEquals(Arrays.toString(sent), Arrays.toString(data));
        EchoTransform.apply(data);
        assertArrayEquals(sent, data);
    }

    @Test
    void transform_isTheSameOnABufferInEitherByteOrder_andLeavesItsPositionAlone() {
        byte[] expected = random(5000);
        EchoTransform.apply(expected);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(5000).order(order);
            buffer.put(random(5000)).position(17);
            EchoTransform.apply(buffer, 5000);
            byte[] actual = new byte[5000];
            buffer.get(0, actual);
            assertArrayEquals(expected, actual, order.toString());
            assertEquals(17, buffer.position());
        }
    }

    @Test
    void verify_rejectsAnEchoThatWasNotWrittenBack() {
        byte[] sent = random(4096);
        IllegalStateException unchanged = assertThrows(IllegalStateException.class,
                () -> EchoTransform.verify("unchanged", sent, sent.clone()));
        assertTrue(unchanged.getMessage().contains("byte 0 of 4096"), unchanged.getMessage());
        byte[] partly = sent.clone();
        EchoTransform.apply(partly);
        partly[4095] ^= 0x5A;
        IllegalStateException lastMissing = assertThrows(IllegalStateException.class,
                () -> EchoTransform.verify("last byte", sent, partly));
        assertTrue(lastMissing.getMessage().contains("byte 4095"), lastMissing.getMessage());
        assertThrows(IllegalStateException.class, () -> EchoTransform.verify("short", sent, new byte[10]));
    }
}

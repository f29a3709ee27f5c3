package dev.servicecall.typed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceHost;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service side over buffers the in-memory transport never hands out but native transports
 * may: direct buffers, slices of a larger array, big-endian views. An export must present and
 * write back the same bytes whatever the buffer.
 */
@Timeout(10)
class ServiceBuffersTest {

    public interface Buffers {
        @Routine("Array")
        int array(@Nullable byte[] bytes) throws ServiceCallException;

        @Routine("Buffer")
        int buffer(ByteBuffer buffer) throws ServiceCallException;

        @Routine("Holders")
        int holders(ShortRef s, IntRef i, LongRef l) throws ServiceCallException;
    }

    private final AtomicReference<Object> seen = new AtomicReference<>();
    private final Buffers implementation = new Buffers() {
        @Override
        public int array(byte[] bytes) {
            seen.set(bytes == null ? null : bytes.clone());
            if (bytes != null) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] += 0x10;
                }
            }
            return bytes == null ? -1 : bytes.length;
        }

        @Override
        public int buffer(ByteBuffer buffer) {
            seen.set(buffer);
            return 0;
        }

        @Override
        public int holders(ShortRef s, IntRef i, LongRef l) {
            seen.set(s.get() + " " + i.get() + " " + l.get());
            s.set((short) 0x0102);
            i.set(0x01020304);
            l.set(0x0102030405060708L);
            return 0;
        }
    };

    @Test
    void byteArray_fromADirectBuffer_isACopy_writtenBack() throws Exception {
        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(0, (byte) 1).put(1, (byte) 2).put(2, (byte) 3);
        assertEquals(3, routines().get("Array").run(call("Array", direct)));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) seen.get());
        assertEquals(0x11, direct.get(0));
        assertEquals(0x13, direct.get(2));
    }

    @Test
    void byteArray_fromASliceOfALargerArray_isACopy_writtenBackIntoTheSliceOnly() throws Exception {
        byte[] frame = {9, 1, 2, 9};
        ByteBuffer slice = ByteBuffer.wrap(frame, 1, 2).slice();
        routines().get("Array").run(call("Array", slice));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) seen.get());
        assertArrayEquals(new byte[] {9, 0x11, 0x12, 9}, frame);
    }

    @Test
    void byteArray_fromAWholeHeapBuffer_isItsArray() throws Exception {
        byte[] own = {5};
        routines().get("Array").run(call("Array", ByteBuffer.wrap(own)));
        assertArrayEquals(new byte[] {0x15}, own);
    }

    @Test
    void byteArray_nullPointer_isNull() throws Exception {
        seen.set("not called");
        assertEquals(-1, routines().get("Array").run(call("Array", (ByteBuffer) null)));
        assertNull(seen.get());
    }

    @Test
    void byteBuffer_isTheCallsOwnBuffer() throws Exception {
        ByteBuffer own = ByteBuffer.allocateDirect(2);
        routines().get("Buffer").run(call("Buffer", own));
        assertSame(own, seen.get());
    }

    @Test
    void holders_areLittleEndian_whateverTheBuffersOrder() throws Exception {
        ByteBuffer s = ByteBuffer.allocateDirect(2).order(ByteOrder.BIG_ENDIAN).put(0, (byte) 1);
        ByteBuffer i = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).put(0, (byte) 2);
        ByteBuffer l = ByteBuffer.allocateDirect(8).order(ByteOrder.BIG_ENDIAN).put(0, (byte) 3);
        routines().get("Holders").run(call("Holders", s, i, l));
        assertEquals("1 2 3", seen.get());
        assertEquals(0x02, s.get(0));
        assertEquals(0x01, s.get(1));
        assertEquals(0x04, i.get(0));
        assertEquals(0x01, i.get(3));
        assertEquals(0x08, l.get(0));
        assertEquals(0x01, l.get(7));
    }

    /** Exports {@link #implementation} on a host that only keeps the raw routines it is given. */
    private Map<String, dev.servicecall.api.Routine> routines() throws ServiceCallException {
        Map<String, dev.servicecall.api.Routine> routines = new HashMap<>();
        ServiceHost host = new ServiceHost() {
            @Override
            public void initialize() {
            }

            @Override
            public ServiceRegistration register(String name, Signature signature, dev.servicecall.api.Routine routine) {
                routines.put(name, routine);
                return new ServiceRegistration() {
                    @Override
                    public String name() {
                        return name;
                    }

                    @Override
                    public Signature signature() {
                        return signature;
                    }

                    @Override
                    public boolean isRegistered() {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void unregister(ServiceRegistration registration) {
            }
        };
        assertNotNull(TypedServiceCall.export(host, Buffers.class, implementation));
        return routines;
    }

    private static RoutineCall call(String name, ByteBuffer... buffers) {
        return new RoutineCall() {
            @Override
            public String routineName() {
                return name;
            }

            @Override
            public int parameterCount() {
                return buffers.length;
            }

            @Override
            public ParameterMask mask(int index) {
                return ParameterMask.POINTER;
            }

            @Override
            public long value(int index) {
                return 0;
            }

            @Override
            public ByteBuffer buffer(int index) {
                return buffers[index];
            }

            @Override
            public ClientId client() {
                return null;
            }
        };
    }
}

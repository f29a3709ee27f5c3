package dev.servicecall.typed.usage;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.typed.ByteRef;
import dev.servicecall.typed.IntRef;
import dev.servicecall.typed.LongRef;
import dev.servicecall.typed.ShortRef;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An implementation of {@link Wire} that records the Java arguments it was given, writes known
 * results into every buffer and holder, then returns {@link #status} or throws {@link #failure}.
 */
final class RecordingWire implements Wire {
    private final List<String> calls = new ArrayList<>();
    volatile int status;
    volatile Exception failure;

    @Override
    public int values(byte b, short s, int i, long l) throws ServiceCallException {
        return answer("values(" + b + ", " + s + ", " + i + ", " + l + ")");
    }

    @Override
    public int narrowed(int b, int w, long d, short s) throws ServiceCallException {
        return answer("narrowed(" + b + ", " + w + ", " + d + ", " + s + ")");
    }

    @Override
    public int rawMasks(long q, int d, byte[] p, ByteBuffer n, IntRef h) throws ServiceCallException {
        String seen = "rawMasks(" + q + ", " + d + ", " + Arrays.toString(p) + ", " + describe(n) + ", " + h + ")";
        Arrays.fill(p, (byte) 0x21);
        if (h != null) {
            h.set(h.get() + 1);
        }
        return answer(seen);
    }

    @Override
    public int arrays(byte[] a, byte[] b) throws ServiceCallException {
        String seen = "arrays(" + Arrays.toString(a) + ", " + Arrays.toString(b) + ")";
        Arrays.fill(a, (byte) 0x22);
        if (b != null) {
            Arrays.fill(b, (byte) 0x23);
        }
        return answer(seen);
    }

    @Override
    public int buffers(ByteBuffer a, ByteBuffer b) throws ServiceCallException {
        String seen = "buffers(" + describe(a) + ", " + describe(b) + ")";
        a.putShort(0, (short) 0x2425);
        return answer(seen);
    }

    @Override
    public int holders(ByteRef a, ShortRef b, IntRef c, LongRef d) throws ServiceCallException {
        String seen = "holders(" + a + ", " + b + ", " + c + ", " + d + ")";
        a.set((byte) -2);
        b.set((short) 0x2627);
        c.set(0x28292A2B);
        d.set(-3L);
        return answer(seen);
    }

    @Override
    public int directions(IntRef in, IntRef out, IntRef inOut) throws ServiceCallException {
        String seen = "directions(" + in + ", " + out + ", " + inOut + ")";
        in.set(100);
        out.set(200);
        inOut.set(300);
        return answer(seen);
    }

    @Override
    public int nullableHolders(LongRef a, ShortRef b) throws ServiceCallException {
        String seen = "nullableHolders(" + a + ", " + b + ")";
        if (b != null) {
            b.set((short) 7);
        }
        return answer(seen);
    }

    @Override
    public void check(int status) throws ServiceCallException {
        answer("check(" + status + ")");
    }

    @Override
    public void lenient(IntRef needed) throws ServiceCallException {
        needed.set(64);
        answer("lenient(" + needed + ")");
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    private int answer(String seen) throws ServiceCallException {
        synchronized (this) {
            calls.add(seen);
        }
        Exception thrown = failure;
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown != null) {
            throw (ServiceCallException) thrown;
        }
        return status;
    }

    private static String describe(ByteBuffer buffer) {
        if (buffer == null) {
            return "null";
        }
        return buffer.order() + " " + buffer.position() + "/" + buffer.limit() + " [" + Probe.hex(buffer) + "]";
    }
}

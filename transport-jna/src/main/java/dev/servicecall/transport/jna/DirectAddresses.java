package dev.servicecall.transport.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Native addresses of direct buffers, remembered for the last buffer seen, so that a caller that
 * reuses its buffers (as the protocol layer does) costs no allocation per call: the JNA
 * {@link Pointer} is created only when a different buffer arrives.
 *
 * <p>Not thread-safe: one per thread role (reader, writer) of a connection. Keeps the last buffer
 * reachable, which also keeps its memory alive while its address is in use.
 */
public final class DirectAddresses {
    private ByteBuffer last;
    private long address;

    /** The address of index 0 of the direct buffer {@code buffer}. */
    public long of(ByteBuffer buffer) {
        if (buffer != last) {
            address = Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
            last = buffer;
        }
        return address;
    }
}

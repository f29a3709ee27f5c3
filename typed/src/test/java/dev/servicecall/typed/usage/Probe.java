package dev.servicecall.typed.usage;

import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.RoutineCall;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw routine that records exactly what reached it (name, masks, values, buffer bytes) and then
 * adds 0x11 to every byte of every buffer, so that what is written back is known. Answers
 * {@link #status}. Thread-safe.
 */
final class Probe implements dev.servicecall.api.Routine {
    private final List<String> seen = new ArrayList<>();
    volatile int status;

    @Override
    public int run(RoutineCall call) {
        StringBuilder text = new StringBuilder(call.routineName()).append('(');
        for (int i = 0; i < call.parameterCount(); i++) {
            ParameterMask mask = call.mask(i);
            text.append(i == 0 ? "" : ", ").append(mask);
            if (mask.isPointer()) {
                ByteBuffer buffer = call.buffer(i);
                text.append(buffer == null ? " null" : " [" + hex(buffer) + "]");
                for (int j = 0; buffer != null && j < buffer.limit(); j++) {
                    buffer.put(j, (byte) (buffer.get(j) + 0x11));
                }
            } else {
                text.append('=').append(Long.toHexString(call.value(i)));
            }
        }
        synchronized (seen) {
            seen.add(text.append(')').toString());
        }
        return status;
    }

    /** What the calls so far looked like, oldest first. */
    List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    static String hex(ByteBuffer buffer) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < buffer.limit(); i++) {
            text.append(String.format("%02x", buffer.get(i)));
        }
        return text.toString();
    }

    static String hex(byte[] bytes) {
        return hex(ByteBuffer.wrap(bytes));
    }
}

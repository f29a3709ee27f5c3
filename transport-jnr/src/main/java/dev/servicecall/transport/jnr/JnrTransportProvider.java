package dev.servicecall.transport.jnr;

import dev.servicecall.protocol.NativeTransport;
import dev.servicecall.protocol.NativeTransportProvider;

/**
 * The JNR-FFI transport ({@code jnr}, priority 60): the shared native wire protocol
 * ({@link NativeTransport}) over AF_UNIX sockets on Linux and named pipes on Windows, bound with
 * JNR-FFI. With no transport named it wins over JNA (priority 50); {@code
 * -Dservicecall.transport=jnr} names it.
 *
 * <p>The constructor does nothing that can fail. The first {@link #availability()} or
 * {@link #open} call probes once (JNR, jffi's native stub, libc or kernel32) and keeps the answer,
 * with its cause when unavailable. Settings read: {@code servicecall.namespace} (Linux: the
 * directory; Windows: the pipe-name prefix) and {@code servicecall.maxBufferBytes}.
 *
 * <p>Thread-safe.
 */
public final class JnrTransportProvider extends NativeTransportProvider {
    /** The provider name, for {@code -Dservicecall.transport=jnr}. */
    public static final String NAME = "jnr";
    /** Above JNA's 50: JNR is the faster binding. */
    public static final int PRIORITY = 60;

    /** The ServiceLoader constructor; never throws. */
    public JnrTransportProvider() {
        super(NAME, PRIORITY, JnrBackends::probe, JnrBackends::create);
    }
}

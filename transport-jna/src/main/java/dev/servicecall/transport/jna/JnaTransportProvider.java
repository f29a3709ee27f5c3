package dev.servicecall.transport.jna;

import dev.servicecall.protocol.NativeTransportProvider;

/**
 * The JNA transport: real calls between processes, speaking the shared native wire protocol
 * ({@link dev.servicecall.protocol.NativeTransport}) over AF_UNIX sockets on Linux or named pipes
 * on Windows, bound through JNA. Name {@code jna}, priority 50.
 *
 * <p>The constructor does nothing that can fail: the first {@link #availability()} (or
 * {@link #open}) loads JNA and binds libc or kernel32 once, and keeps the outcome; a missing or
 * broken native library makes the provider unavailable with the cause, never throws.
 *
 * <p>Settings: {@code servicecall.namespace} (Linux: the socket directory, default
 * {@code $XDG_RUNTIME_DIR/servicecall} or {@code <tmpdir>/servicecall-<uid>}; Windows: the
 * pipe-name prefix, default {@code servicecall-<user SID>}) and {@code servicecall.maxBufferBytes}.
 *
 * <p>The Windows backend is verified against mocked bindings only.
 */
public final class JnaTransportProvider extends NativeTransportProvider {
    /** The provider name, for {@code servicecall.transport}. */
    public static final String NAME = "jna";
    /** The selection priority: above the in-memory transport, below JNR. */
    public static final int PRIORITY = 50;

    public JnaTransportProvider() {
        super(NAME, PRIORITY, JnaPlatform::probe, JnaPlatform::createBackend);
    }
}

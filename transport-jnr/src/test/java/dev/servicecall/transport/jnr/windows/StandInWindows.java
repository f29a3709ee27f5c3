package dev.servicecall.transport.jnr.windows;

import static org.mockito.Mockito.mock;

import dev.servicecall.protocol.NativeTransportProvider;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jnr.windows.WindowsNative.Advapi32;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider of the real shared transport over the real Windows backend, whose kernel32 is a
 * {@link StandInKernel32}: one stand-in per {@code servicecall.namespace} setting, so that the
 * caller and service sessions of one test share pipes and different tests do not.
 */
final class StandInWindows extends NativeTransportProvider {
    private static final Map<String, StandInKernel32> KERNELS = new ConcurrentHashMap<>();

    StandInWindows() {
        super("jnr-windows-stand-in", 0, Availability::available,
                config -> new WindowsBackend(win32(kernel(config)), "servicecall-stand-in"));
    }

    /** The stand-in kernel of {@code config}'s name space. */
    static StandInKernel32 kernel(TransportConfig config) {
        return KERNELS.computeIfAbsent(config.get(TransportConfig.NAMESPACE).orElse(""), key -> new StandInKernel32());
    }

    static Win32 win32(StandInKernel32 kernel) {
        return new Win32(kernel, mock(Advapi32.class), kernel.lastError, jnr.ffi.Runtime.getSystemRuntime());
    }
}

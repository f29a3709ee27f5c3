package dev.servicecall.transport.jnr;

import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jnr.linux.LinuxBackend;
import dev.servicecall.transport.jnr.windows.WindowsBackend;
import jnr.ffi.Platform;

/**
 * Chooses the OS backend for the running platform, as JNR-FFI reports it. Every JNR type is used
 * inside method bodies only, so this class loads even when JNR is missing; the provider's probe
 * then reports the {@link LinkageError}. Stateless.
 */
final class JnrBackends {
    private JnrBackends() {
    }

    /** The one-time availability probe: loads JNR, jffi's native stub and the OS libraries. */
    static Availability probe() {
        Platform.OS os = Platform.getNativePlatform().getOS();
        String problem;
        switch (os) {
            case LINUX:
                problem = LinuxBackend.probe();
                break;
            case WINDOWS:
                problem = WindowsBackend.probe();
                break;
            default:
                problem = "the JNR transport supports Linux and Windows, and this is " + os
                        + "; use servicecall-transport-inmemory for tests";
        }
        return problem == null ? Availability.available() : Availability.unavailable(problem, null);
    }

    /** The backend for one transport. */
    static OsBackend create(TransportConfig config) throws StatusException {
        switch (Platform.getNativePlatform().getOS()) {
            case LINUX:
                return LinuxBackend.create(config);
            case WINDOWS:
                return WindowsBackend.create(config);
            default:
                throw new StatusException(NtStatus.UNSUCCESSFUL, "the JNR transport supports Linux and Windows only");
        }
    }
}

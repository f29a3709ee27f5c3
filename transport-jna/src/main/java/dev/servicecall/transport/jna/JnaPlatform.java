package dev.servicecall.transport.jna;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import dev.servicecall.protocol.os.OsBackend;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.transport.jna.linux.LinuxBackend;
import dev.servicecall.transport.jna.windows.WindowsBackend;
import java.util.Locale;

/**
 * Picks the backend for the operating system this JVM runs on, and probes whether it can work:
 * Linux (x86-64, AArch64, RISC-V 64) or 64-bit Windows; anything else is unavailable with the
 * reason. Stateless and thread-safe.
 */
final class JnaPlatform {
    /** The operating systems this transport has a backend for. */
    enum Os { LINUX, WINDOWS, OTHER }

    private JnaPlatform() {
    }

    /** The OS from {@code os.name}, without touching JNA. */
    static Os current() {
        return of(System.getProperty("os.name", ""));
    }

    static Os of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return Os.LINUX;
        }
        if (name.startsWith("windows")) {
            return Os.WINDOWS;
        }
        return Os.OTHER;
    }

    /**
     * Loads JNA's native part and binds the OS functions this transport needs. Called once by the
     * provider; whatever it throws becomes unavailability.
     */
    static Availability probe() {
        return probe(current());
    }

    static Availability probe(Os os) {
        if (os == Os.OTHER) {
            return Availability.unavailable("the JNA transport has backends for Linux and Windows only, not for "
                    + System.getProperty("os.name"), null);
        }
        try {
            Native.getNativeSize(long.class); // loads libjnidispatch
        } catch (Throwable e) {
            return Availability.unavailable("JNA cannot be loaded: put net.java.dev.jna:jna on the class path and"
                    + " make sure its native part (jnidispatch) can be extracted (jna.tmpdir writable) or found"
                    + " (jna.boot.library.path)", e);
        }
        String problem = os == Os.LINUX ? LinuxBackend.probe(Platform.ARCH) : WindowsBackend.probe(Platform.is64Bit());
        return problem == null ? Availability.available() : Availability.unavailable(problem, null);
    }

    /** The backend for this OS; only called once {@link #probe()} said available. */
    static OsBackend createBackend(TransportConfig config) throws StatusException {
        switch (current()) {
            case LINUX:
                return LinuxBackend.create(config);
            case WINDOWS:
                return WindowsBackend.create(config);
            default:
                throw new StatusException(NtStatus.UNSUCCESSFUL, "no JNA backend for " + System.getProperty("os.name"));
        }
    }
}

package dev.servicecall.transport.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.protocol.NativeTransportProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JnaTransportProviderTest {
    @Test
    void serviceLoaderFindsIt_asJnaWithPriority50() {
        var found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof JnaTransportProvider)
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "META-INF/services lists the provider once");
        assertEquals("jna", found.get(0).name());
        assertEquals(50, found.get(0).priority());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinux_isAvailable_andOpensATransportOverTheLinuxBackend(@TempDir Path temp) throws Exception {
        JnaTransportProvider provider = new JnaTransportProvider();
        assertTrue(provider.availability().isAvailable(), provider.availability().toString());
        try (Transport transport = provider.open(TransportConfig.empty().with(TransportConfig.NAMESPACE, temp.resolve("ns").toString()))) {
            transport.initializeService();
            assertTrue(temp.resolve("ns").toFile().isDirectory());
        }
    }

    @Test
    void otherOperatingSystems_areUnavailable_withTheReason() {
        assertEquals(JnaPlatform.Os.OTHER, JnaPlatform.of("Mac OS X"));
        assertEquals(JnaPlatform.Os.OTHER, JnaPlatform.of("FreeBSD"));
        assertEquals(JnaPlatform.Os.LINUX, JnaPlatform.of("Linux"));
        assertEquals(JnaPlatform.Os.WINDOWS, JnaPlatform.of("Windows 11"));

        Availability other = JnaPlatform.probe(JnaPlatform.Os.OTHER);
        assertFalse(other.isAvailable());
        assertTrue(other.reason().orElseThrow().contains("Linux and Windows only"), other.toString());
    }

    @Test
    void unsupportedLinuxArchitecture_isUnavailable_notWrong() {
        String reason = dev.servicecall.transport.jna.linux.LinuxBackend.probe("mips64");
        assertTrue(reason != null && reason.contains("mips64"), String.valueOf(reason));
    }

    @Test
    void thirtyTwoBitWindows_isUnavailable() {
        String reason = dev.servicecall.transport.jna.windows.WindowsBackend.probe(false);
        assertTrue(reason != null && reason.contains("64-bit"), String.valueOf(reason));
    }

    @Test
    void withoutJnaOnTheClassPath_constructorSucceeds_andAvailabilityGivesTheCause() throws Exception {
        URL[] withoutJna = {
            codeSource(JnaTransportProvider.class), codeSource(NativeTransportProvider.class), codeSource(TransportProvider.class)
        };
        try (URLClassLoader loader = new URLClassLoader(withoutJna, ClassLoader.getPlatformClassLoader())) {
            Class<?> providerClass = loader.loadClass(JnaTransportProvider.class.getName());
            Object provider = providerClass.getConstructor().newInstance();
            Object availability = providerClass.getMethod("availability").invoke(provider);
            Class<?> availabilityClass = loader.loadClass(Availability.class.getName());
            assertEquals(Boolean.FALSE, availabilityClass.getMethod("isAvailable").invoke(availability));
            String text = availability.toString();
            assertTrue(text.contains("net.java.dev.jna:jna") && text.contains("NoClassDefFoundError"), text);
            assertEquals("jna", providerClass.getMethod("name").invoke(provider));
        }
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}

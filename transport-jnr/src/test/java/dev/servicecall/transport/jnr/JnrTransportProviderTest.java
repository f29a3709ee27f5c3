package dev.servicecall.transport.jnr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JnrTransportProviderTest {
    @TempDir
    Path temp;

    @Test
    void nameAndPriority_jnr60() {
        JnrTransportProvider provider = new JnrTransportProvider();
        assertEquals("jnr", provider.name());
        assertEquals(60, provider.priority());
    }

    @Test
    void serviceLoader_findsTheProvider() {
        List<String> found = new ArrayList<>();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            found.add(provider.getClass().getName());
        }
        assertTrue(found.contains(JnrTransportProvider.class.getName()), found.toString());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void linux_available_probedOnce_opensTransportOverTheLinuxBackend() throws Exception {
        JnrTransportProvider provider = new JnrTransportProvider();
        Availability availability = provider.availability();
        assertTrue(availability.isAvailable(), availability.toString());
        assertSame(availability, provider.availability(), "probed again");
        try (Transport transport = provider.open(TransportConfig.empty()
                .with(TransportConfig.NAMESPACE, temp.resolve("ns").toString()))) {
            String description = ((dev.servicecall.protocol.NativeTransport) transport).describe();
            assertTrue(description.contains("Linux AF_UNIX via JNR-FFI"), description);
        }
    }

    @Test
    void open_malformedSetting_isUnsuccessful() {
        StatusException e = assertThrows(StatusException.class, () -> new JnrTransportProvider()
                .open(TransportConfig.empty().with(TransportConfig.MAX_BUFFER_BYTES, "lots")));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
    }

    /**
     * With JNR missing from the class path, the constructor still succeeds and the provider says
     * why it is unavailable, keeping the cause.
     */
    @Test
    void withoutJnrOnTheClassPath_constructs_andReportsUnavailableWithCause() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath()) {
            String file = new File(entry).getName();
            if (!file.startsWith("jnr-") && !file.startsWith("jffi-")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader withoutJnr = new URLClassLoader(urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> withoutJnr.loadClass("jnr.ffi.Platform"),
                    "the filtered class path still has JNR: " + urls);
            Class<?> type = withoutJnr.loadClass(JnrTransportProvider.class.getName());
            Object provider = type.getConstructor().newInstance();
            Object availability = type.getMethod("availability").invoke(provider);
            Class<?> availabilityType = availability.getClass();
            assertFalse((Boolean) availabilityType.getMethod("isAvailable").invoke(availability));
            Object cause = ((java.util.Optional<?>) availabilityType.getMethod("cause").invoke(availability)).orElseThrow();
            assertTrue(cause instanceof LinkageError, cause.toString());
            assertTrue(availability.toString().contains("jnr"), availability.toString());
        }
    }

    /** The test class path, as entries (surefire may hide it behind a manifest-only jar). */
    private static List<String> classPath() throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            try (var jar = new java.util.jar.JarFile(entries.get(0))) {
                String manifestPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
                entries.clear();
                for (String url : manifestPath.trim().split(" +")) {
                    entries.add(new File(new java.net.URI(url)).getPath());
                }
            }
        }
        return entries;
    }
}

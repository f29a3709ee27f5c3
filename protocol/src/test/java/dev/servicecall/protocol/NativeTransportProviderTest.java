package dev.servicecall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.protocol.jdk.JdkUnixBackend;
import dev.servicecall.spi.Availability;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.StatusException;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeTransportProviderTest {
    @TempDir
    Path namespace;

    private static final class TestProvider extends NativeTransportProvider {
        TestProvider(Supplier<Availability> probe, BackendFactory backends) {
            super("test-native", 42, probe, backends);
        }
    }

    @Test
    void probe_runsLazilyAndOnce() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        TestProvider provider = new TestProvider(() -> {
            probes.incrementAndGet();
            return Availability.available();
        }, config -> new JdkUnixBackend(namespace));
        assertEquals(0, probes.get(), "the constructor does not probe");
        assertEquals("test-native", provider.name());
        assertEquals(42, provider.priority());
        assertTrue(provider.availability().isAvailable());
        assertTrue(provider.availability().isAvailable());
        try (Transport transport = provider.open(TransportConfig.empty())) {
            assertInstanceOf(NativeTransport.class, transport);
        }
        assertEquals(1, probes.get());
    }

    @Test
    void probe_thatThrowsEvenAnError_meansUnavailable_withTheCause() {
        UnsatisfiedLinkError missing = new UnsatisfiedLinkError("libc not found");
        TestProvider provider = new TestProvider(() -> {
            throw missing;
        }, config -> new JdkUnixBackend(namespace));
        Availability availability = provider.availability();
        assertFalse(availability.isAvailable());
        assertEquals(missing, availability.cause().orElseThrow());
        StatusException e = assertThrows(StatusException.class, () -> provider.open(TransportConfig.empty()));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains("libc not found"), e.getMessage());
    }

    @Test
    void open_withAMalformedSetting_orAFailingFactory_isUnsuccessful() {
        TestProvider provider = new TestProvider(Availability::available, config -> new JdkUnixBackend(namespace));
        StatusException e = assertThrows(StatusException.class, () -> provider.open(TransportConfig.empty()
                .with(TransportConfig.MAX_BUFFER_BYTES, "lots")));
        assertEquals(NtStatus.UNSUCCESSFUL, e.status());
        assertTrue(e.getMessage().contains(TransportConfig.MAX_BUFFER_BYTES), e.getMessage());

        TestProvider failing = new TestProvider(Availability::available, config -> {
            throw new IllegalStateException("no namespace");
        });
        assertEquals(NtStatus.UNSUCCESSFUL, assertThrows(StatusException.class,
                () -> failing.open(TransportConfig.empty())).status());
    }

    @Test
    void open_readsTheBufferLimit() throws Exception {
        TestProvider provider = new TestProvider(Availability::available, config -> new JdkUnixBackend(namespace));
        try (Transport transport = provider.open(TransportConfig.empty().with(TransportConfig.MAX_BUFFER_BYTES, "1024"))) {
            assertEquals(1024, ((NativeTransport) transport).maxBufferBytes());
        }
    }
}

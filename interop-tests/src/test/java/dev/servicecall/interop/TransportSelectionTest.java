package dev.servicecall.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.spi.TransportProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Both native transports on the class path: the priority order picks JNR, and naming JNA (by
 * argument or by {@code -Dservicecall.transport=jna}) picks JNA.
 */
@EnabledOnOs(OS.LINUX)
class TransportSelectionTest {
    private String savedProperty;

    @BeforeEach
    void clearProperty() {
        savedProperty = System.clearProperty(ServiceCall.TRANSPORT_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty == null) {
            System.clearProperty(ServiceCall.TRANSPORT_PROPERTY);
        } else {
            System.setProperty(ServiceCall.TRANSPORT_PROPERTY, savedProperty);
        }
    }

    @Test
    void bothProvidersFound_jnr60_jna50_bothAvailable() {
        Map<String, Integer> priorities = new TreeMap<>();
        for (TransportProvider provider : ServiceLoader.load(TransportProvider.class)) {
            assertTrue(provider.availability().isAvailable(), provider + " is not available");
            priorities.put(provider.name(), provider.priority());
        }
        assertEquals(Map.of("jna", 50, "jnr", 60), priorities);
    }

    @Test
    void noNameGiven_priorityPicksJnr() throws Exception {
        try (ServiceCallSession session = ServiceCall.open()) {
            assertEquals("jnr", session.transportName());
        }
    }

    @Test
    void jnaNamedByArgument_picksJna() throws Exception {
        try (ServiceCallSession session = ServiceCall.open("jna")) {
            assertEquals("jna", session.transportName());
        }
        try (ServiceCallSession session = ServiceCall.open("jnr")) {
            assertEquals("jnr", session.transportName());
        }
    }

    @Test
    void jnaNamedBySystemProperty_picksJna() throws Exception {
        System.setProperty(ServiceCall.TRANSPORT_PROPERTY, "jna");
        try (ServiceCallSession session = ServiceCall.open()) {
            assertEquals("jna", session.transportName());
        }
    }
}

package dev.servicecall.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.TransportProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Selection: explicit name first, else availability and priority; errors list every provider. */
class TransportSelectorTest {

    private static TransportProvider provider(String name, int priority, Availability availability) {
        TransportProvider provider = mock(TransportProvider.class);
        when(provider.name()).thenReturn(name);
        when(provider.priority()).thenReturn(priority);
        when(provider.availability()).thenReturn(availability);
        return provider;
    }

    private final TransportProvider jna = provider("jna", 50, Availability.available());
    private final TransportProvider jnr = provider("jnr", 60, Availability.unavailable("jffi native library missing", new UnsatisfiedLinkError("libjffi")));
    private final TransportProvider mem = provider("inmemory", 0, Availability.available());

    @Test
    void highestPriorityAvailableWins() {
        assertSame(jna, new TransportSelector(List.of(mem, jnr, jna)).select(null));
    }

    @Test
    void explicitNameWinsOverPriority() {
        assertSame(mem, new TransportSelector(List.of(mem, jnr, jna)).select("inmemory"));
    }

    @Test
    void explicitUnavailableNameIsAnErrorNotAFallback() {
        TransportSelectionException e = assertThrows(TransportSelectionException.class,
                () -> new TransportSelector(List.of(mem, jnr, jna)).select("jnr"));
        assertTrue(e.getMessage().contains("jffi native library missing"), e.getMessage());
        assertTrue(e.getMessage().contains("inmemory"), e.getMessage());
    }

    @Test
    void unknownNameListsEveryProviderAndWhatToAdd() {
        TransportSelectionException e = assertThrows(TransportSelectionException.class,
                () -> new TransportSelector(List.of(mem, jnr, jna)).select("grpc"));
        for (String expected : new String[] {"'grpc'", "jna (priority 50", "jnr (priority 60", "unavailable", "servicecall-transport-jnr"}) {
            assertTrue(e.getMessage().contains(expected), () -> expected + " missing in: " + e.getMessage());
        }
    }

    @Test
    void nothingOnTheClassPathSaysSo() {
        TransportSelectionException e = assertThrows(TransportSelectionException.class, () -> new TransportSelector(List.of()).select(null));
        assertTrue(e.getMessage().contains("No provider"), e.getMessage());
    }

    @Test
    void tiesAreBrokenByName() {
        TransportProvider a = provider("a", 5, Availability.available());
        TransportProvider b = provider("b", 5, Availability.available());
        assertEquals("a", new TransportSelector(List.of(b, a)).select(null).name());
        assertEquals("a", new TransportSelector(List.of(a, b)).select(null).name());
    }
}

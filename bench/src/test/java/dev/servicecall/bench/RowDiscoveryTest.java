package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.spi.Availability;
import dev.servicecall.spi.Transport;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowDiscoveryTest {

    private static TransportProvider provider(String name, Availability availability) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return 1;
            }

            @Override
            public Availability availability() {
                return availability;
            }

            @Override
            public Transport open(TransportConfig config) {
                throw new UnsupportedOperationException("not opened by discovery");
            }
        };
    }

    @Test
    void rows_areTheBaselinesThenEachAvailableTransport_inTheDocumentedOrder() {
        RowDiscovery.Plan plan = RowDiscovery.plan(List.of(
                provider("zeta", Availability.available()),
                provider("jna", Availability.available()),
                provider("inmemory", Availability.available())), Set.of());
        assertEquals(List.of(Row.nio(), Row.rmi(), Row.inProcessTransport("inmemory"), Row.transport("jna"),
                Row.transport("zeta")), plan.rows());
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).startsWith("jnr: no row, the transport is not on the class path"),
                plan.notes().get(0));
    }

    @Test
    void anUnavailableTransport_isANoteWithItsReason_notARow() {
        RowDiscovery.Plan plan = RowDiscovery.plan(List.of(
                provider("jnr", Availability.unavailable("libc not found", null))), Set.of("jnr", "nio"));
        assertEquals(List.of(Row.nio()), plan.rows());
        assertEquals(List.of("jnr: no row, the transport is unavailable: libc not found"), plan.notes());
    }

    @Test
    void theInMemoryRow_runsItsServiceInTheClientProcess() {
        Row inMemory = RowDiscovery.plan(List.of(provider("inmemory", Availability.available())), Set.of("inmemory"))
                .rows().get(0);
        assertEquals("same process", inMemory.serviceLocation());
        assertEquals(RowTarget.Kind.SERVICECALL_IN_PROCESS, inMemory.kind());
        assertEquals("own process", Row.transport("jna").serviceLocation());
    }
}

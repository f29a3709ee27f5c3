package dev.servicecall.transport.inmemory;

import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.Capability;
import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The compatibility kit against the in-memory transport, every rule in one process.
 *
 * <p>Capabilities: its callers are this process, whose uid it reports where the JVM can read it
 * (a {@code unix} file system), so {@link Capability#CALLER_UID_KNOWN} is declared there. It
 * declares neither {@link Capability#SERVICE_IN_OTHER_PROCESS} (its name space lives in this JVM)
 * nor {@link Capability#LISTENER_RESOURCES_CAN_BE_DENIED} (it has no listener to deny); the rules
 * that need them are skipped with that reason.
 */
class InMemoryTransportTckTest extends TransportCompatibilityKit {
    static final TransportUnderTest IN_MEMORY = new TransportUnderTest() {
        @Override
        public TransportProvider provider() {
            return new InMemoryTransportProvider();
        }

        @Override
        public Set<Capability> capabilities() {
            return unixUidReadable() ? Set.of(Capability.CALLER_UID_KNOWN) : Set.of();
        }
    };

    @Override
    protected TransportUnderTest transport() {
        return IN_MEMORY;
    }

    private static boolean unixUidReadable() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid") instanceof Integer;
        } catch (Exception | LinkageError notUnix) {
            return false;
        }
    }
}

package dev.servicecall.transport.jnr;

import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.Capability;
import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The whole compatibility kit against the JNR transport with every service side in a child JVM:
 * the test JVM only calls. Declares the caller's uid (SO_PEERCRED) and that listener resources
 * can be denied (a name-space directory below a regular file cannot be created: NO_MEMORY).
 */
@EnabledOnOs(OS.LINUX)
class JnrTransportTckTest extends TransportCompatibilityKit {
    static final TransportUnderTest JNR_ACROSS_PROCESSES = new JnrUnderTest(EnumSet.of(
            Capability.SERVICE_IN_OTHER_PROCESS, Capability.CALLER_UID_KNOWN,
            Capability.LISTENER_RESOURCES_CAN_BE_DENIED));

    @Override
    protected TransportUnderTest transport() {
        return JNR_ACROSS_PROCESSES;
    }

    /** The JNR provider with the given capabilities and the kit's default per-test name space. */
    static final class JnrUnderTest extends TransportUnderTest {
        private final Set<Capability> capabilities;

        JnrUnderTest(Set<Capability> capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public TransportProvider provider() {
            return new JnrTransportProvider();
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public TransportConfig configWithoutListenerResources(Path workDir) {
            try {
                Path file = Files.writeString(workDir.resolve("a-regular-file"), "not a directory");
                return TransportConfig.empty().with(TransportConfig.NAMESPACE, file.resolve("ns").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

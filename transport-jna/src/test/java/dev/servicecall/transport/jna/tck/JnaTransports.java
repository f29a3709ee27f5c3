package dev.servicecall.transport.jna.tck;

import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.Capability;
import dev.servicecall.tck.TransportUnderTest;
import dev.servicecall.transport.jna.ChildJvm;
import dev.servicecall.transport.jna.JnaTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The JNA transport as the kit sees it, with the service side in this JVM or in a child JVM. */
final class JnaTransports {
    private JnaTransports() {
    }

    static TransportUnderTest jna(boolean serviceInOtherProcess) {
        return new TransportUnderTest() {
            @Override
            public TransportProvider provider() {
                return new JnaTransportProvider();
            }

            /** SO_PEERCRED gives the uid; the name-space directory can be made impossible to create. */
            @Override
            public Set<Capability> capabilities() {
                EnumSet<Capability> capabilities = EnumSet.of(Capability.CALLER_UID_KNOWN,
                        Capability.LISTENER_RESOURCES_CAN_BE_DENIED);
                if (serviceInOtherProcess) {
                    capabilities.add(Capability.SERVICE_IN_OTHER_PROCESS);
                }
                return capabilities;
            }

            /** A name-space directory below a regular file: it can never be created. */
            @Override
            public TransportConfig configWithoutListenerResources(Path workDir) {
                try {
                    Path file = Files.writeString(workDir.resolve("not-a-directory"), "x");
                    return TransportConfig.empty().with(TransportConfig.NAMESPACE, file.resolve("ns").toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> childJvmOptions() {
                return ChildJvm.nativeAccessOptions();
            }

            @Override
            public String toString() {
                return serviceInOtherProcess ? "jna (service in a child JVM)" : "jna (service in this JVM)";
            }
        };
    }
}

package dev.servicecall.interop;

import dev.servicecall.spi.TransportConfig;
import dev.servicecall.spi.TransportProvider;
import dev.servicecall.tck.Capability;
import dev.servicecall.tck.TransportUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One direction of the JNA/JNR pair as the kit sees it: this JVM calls through {@code caller};
 * every service side runs in a child JVM on {@code service} ({@link Capability#SERVICE_IN_OTHER_PROCESS}).
 *
 * <p>Where a rule needs a client in another process (it calls a service hosted in this JVM), that
 * client is the child, so the roles swap: the child calls through {@code service} into this JVM's
 * {@code caller} transport. Either way the two ends are different transports; only sessions a rule
 * opens in this JVM for itself (e.g. two hosts of one name) share a transport.
 */
final class CrossPair extends TransportUnderTest {
    private final String caller;
    private final String service;

    CrossPair(String caller, String service) {
        this.caller = caller;
        this.service = service;
    }

    @Override
    public TransportProvider provider() {
        return new CrossPairProvider(caller);
    }

    @Override
    public List<String> childJvmOptions() {
        return List.of("-D" + CrossPairProvider.TRANSPORT_PROPERTY + "=" + service);
    }

    /** Both transports read SO_PEERCRED and can be denied their name-space directory. */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SERVICE_IN_OTHER_PROCESS, Capability.CALLER_UID_KNOWN,
                Capability.LISTENER_RESOURCES_CAN_BE_DENIED);
    }

    /** A name-space directory below a regular file, which neither transport can create. */
    @Override
    public TransportConfig configWithoutListenerResources(Path workDir) {
        try {
            Path file = Files.writeString(workDir.resolve("a-regular-file"), "not a directory");
            return TransportConfig.empty().with(TransportConfig.NAMESPACE, file.resolve("ns").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return caller + " client -> " + service + " service";
    }
}

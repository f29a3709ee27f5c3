package dev.servicecall.transport.jna.tck;

import dev.servicecall.tck.Capability;
import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The whole kit against the JNA transport with every service side in a child JVM
 * ({@link Capability#SERVICE_IN_OTHER_PROCESS}): real calls between two processes, including the
 * rules about a service or client process that dies.
 */
@EnabledOnOs(OS.LINUX)
class JnaCrossProcessTckTest extends TransportCompatibilityKit {
    private static final TransportUnderTest JNA = JnaTransports.jna(true);

    @Override
    protected TransportUnderTest transport() {
        return JNA;
    }
}

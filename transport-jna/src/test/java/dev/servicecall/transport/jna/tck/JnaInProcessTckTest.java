package dev.servicecall.transport.jna.tck;

import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The whole kit against the JNA transport with caller and service as two transports in this JVM. */
@EnabledOnOs(OS.LINUX)
class JnaInProcessTckTest extends TransportCompatibilityKit {
    private static final TransportUnderTest JNA = JnaTransports.jna(false);

    @Override
    protected TransportUnderTest transport() {
        return JNA;
    }
}

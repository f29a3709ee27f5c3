package dev.servicecall.transport.jnr;

import dev.servicecall.tck.Capability;
import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import java.util.EnumSet;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The compatibility kit against the JNR transport with caller and service in this JVM. */
@EnabledOnOs(OS.LINUX)
class JnrTransportInProcessTckTest extends TransportCompatibilityKit {
    static final TransportUnderTest JNR_IN_PROCESS = new JnrTransportTckTest.JnrUnderTest(EnumSet.of(
            Capability.CALLER_UID_KNOWN, Capability.LISTENER_RESOURCES_CAN_BE_DENIED));

    @Override
    protected TransportUnderTest transport() {
        return JNR_IN_PROCESS;
    }
}

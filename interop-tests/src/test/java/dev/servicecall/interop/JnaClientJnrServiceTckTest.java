package dev.servicecall.interop;

import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The whole kit with a JNA caller (this JVM) and JNR services (child JVMs). */
@EnabledOnOs(OS.LINUX)
class JnaClientJnrServiceTckTest extends TransportCompatibilityKit {
    private static final TransportUnderTest PAIR = new CrossPair("jna", "jnr");

    @Override
    protected TransportUnderTest transport() {
        return PAIR;
    }
}

package dev.servicecall.interop;

import dev.servicecall.tck.TransportCompatibilityKit;
import dev.servicecall.tck.TransportUnderTest;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The whole kit with a JNR caller (this JVM) and JNA services (child JVMs). */
@EnabledOnOs(OS.LINUX)
class JnrClientJnaServiceTckTest extends TransportCompatibilityKit {
    private static final TransportUnderTest PAIR = new CrossPair("jnr", "jna");

    @Override
    protected TransportUnderTest transport() {
        return PAIR;
    }
}

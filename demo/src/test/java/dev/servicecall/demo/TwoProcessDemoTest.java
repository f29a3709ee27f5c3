package dev.servicecall.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The main job, as demo.sh runs it: a service process and this process as client, over JNA. */
@Timeout(120)
class TwoProcessDemoTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void demoSucceedsAcrossTwoProcesses() throws Exception {
        String previous = System.setProperty("servicecall.transport", "jna");
        try {
            assertTrue(TwoProcessDemo.run(), "the demo reported a failure; its output is above");
        } finally {
            if (previous == null) {
                System.clearProperty("servicecall.transport");
            } else {
                System.setProperty("servicecall.transport", previous);
            }
        }
    }
}

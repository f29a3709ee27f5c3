package dev.servicecall.transport.inmemory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.servicecall.tck.BufferSynchronisationRules;
import dev.servicecall.tck.ClientIdentityRules;
import dev.servicecall.tck.DeadlineRules;
import dev.servicecall.tck.StatusCodeRules;
import dev.servicecall.tck.TransportUnderTest;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.junit.jupiter.api.Test;

/**
 * The kit tests itself: each deliberately broken transport ({@link BrokenTransports}) runs one
 * contract area of the kit, and the test proves that the rule it breaks fails, with a message
 * naming that test and the rule, while the same rule passes against the healthy in-memory
 * transport.
 *
 * <p>The kit runs against the broken transports only through {@link EngineTestKit}: their classes
 * are nested here, which keeps surefire and the outer class's own discovery away from them.
 */
class BrokenTransportsAreCaughtTest {

    @Test
    void transportSkippingWriteBack_isCaughtBy_buffer_byteArray_writtenBackWhole() {
        assertCaught(SkipsWriteBack.class, "buffer_byteArray_writtenBackWhole", HealthyBuffers.class);
    }

    @Test
    void transportWithWrongStatusForUnknownName_isCaughtBy_status_unknownName_isInvalidParameter1() {
        assertCaught(WrongStatusForUnknownName.class, "status_unknownName_isInvalidParameter1", HealthyStatuses.class);
    }

    @Test
    void transportAliasingCallerBuffer_isCaughtBy_buffer_callerMemoryUntouchedUntilRoutineReturns() {
        assertCaught(AliasesCallerBuffer.class, "buffer_callerMemoryUntouchedUntilRoutineReturns", HealthyBuffers.class);
    }

    @Test
    void transportAliasingCallerBuffer_isCaughtBy_buffer_routineSeesSnapshot_notTheCallersLiveMemory() {
        assertCaught(AliasesCallerBuffer.class, "buffer_routineSeesSnapshot_notTheCallersLiveMemory", HealthyBuffers.class);
    }

    @Test
    void transportWritingBackAfterThrow_isCaughtBy_buffer_routineThrows_nothingWrittenBack() {
        assertCaught(WritesBackAfterThrow.class, "buffer_routineThrows_nothingWrittenBack", HealthyBuffers.class);
    }

    @Test
    void transportWritingBackInReverseOrder_isCaughtBy_buffer_writtenBackInParameterOrder() {
        assertCaught(WritesBackInReverseOrder.class, "buffer_writtenBackInParameterOrder", HealthyBuffers.class);
    }

    @Test
    void transportIgnoringDeadline_isCaughtBy_deadline_routineOutlastsTimeout_isIoTimeout() {
        assertCaught(IgnoresDeadline.class, "deadline_routineOutlastsTimeout_isIoTimeout", HealthyDeadlines.class);
    }

    @Test
    void transportReportingWrongCaller_isCaughtBy_identity_pid_isTheCallingProcess() {
        assertCaught(ReportsWrongCaller.class, "identity_pid_isTheCallingProcess", HealthyIdentity.class);
    }

    /**
     * Runs the kit area {@code brokenKit} and asserts that {@code rule} is among its failures, with a
     * message that names it; then runs that one rule against the healthy transport and asserts it
     * passes.
     */
    private static void assertCaught(Class<?> brokenKit, String rule, Class<?> healthyKit) {
        Map<String, Throwable> failures = failures(run(selectClass(brokenKit)));
        assertTrue(failures.containsKey(rule), brokenKit.getSimpleName() + " was expected to fail '" + rule
                + "', but the failures were: " + failures.keySet());
        String message = String.valueOf(failures.get(rule).getMessage());
        assertTrue(message.startsWith("[" + rule + "] SPEC") && message.contains("expected:") && message.contains("saw:"),
                "the failure names the test, its rule and what was seen: " + message);

        Events healthy = run(selectMethod(healthyKit, rule));
        assertEquals(0, healthy.failed().count(), "the healthy transport fails '" + rule + "': " + failures(healthy));
        assertEquals(1, healthy.succeeded().count(), "the healthy transport passes '" + rule + "'");
    }

    private static Events run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
    }

    private static Map<String, Throwable> failures(Events events) {
        Map<String, Throwable> failures = new TreeMap<>();
        for (Event event : events.failed().list()) {
            String method = event.getTestDescriptor().getSource()
                    .filter(MethodSource.class::isInstance).map(source -> ((MethodSource) source).getMethodName())
                    .orElse(event.getTestDescriptor().getDisplayName());
            failures.put(method, event.getPayload(TestExecutionResult.class)
                    .flatMap(TestExecutionResult::getThrowable).orElse(null));
        }
        return failures;
    }

    // ---- the kit areas against broken transports: run only through EngineTestKit ----

    static final class SkipsWriteBack extends BufferSynchronisationRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-skips-write-back", BrokenTransports::skipsWriteBack);
        }
    }

    static final class WrongStatusForUnknownName extends StatusCodeRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-unknown-name-status", BrokenTransports::wrongStatusForUnknownName);
        }
    }

    static final class AliasesCallerBuffer extends BufferSynchronisationRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-aliases-buffer", BrokenTransports::aliasesCallerBuffer);
        }
    }

    static final class WritesBackAfterThrow extends BufferSynchronisationRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-writes-back-after-throw", BrokenTransports::writesBackAfterThrow);
        }
    }

    static final class WritesBackInReverseOrder extends BufferSynchronisationRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-reverse-write-back", BrokenTransports::writesBackInReverseOrder);
        }
    }

    static final class IgnoresDeadline extends DeadlineRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-ignores-deadline", BrokenTransports::ignoresDeadline);
        }
    }

    static final class ReportsWrongCaller extends ClientIdentityRules {
        @Override
        protected TransportUnderTest transport() {
            return BrokenTransports.broken("broken-wrong-caller", BrokenTransports::reportsWrongCaller);
        }
    }

    // ---- the same areas against the healthy in-memory transport ----

    static final class HealthyBuffers extends BufferSynchronisationRules {
        @Override
        protected TransportUnderTest transport() {
            return InMemoryTransportTckTest.IN_MEMORY;
        }
    }

    static final class HealthyStatuses extends StatusCodeRules {
        @Override
        protected TransportUnderTest transport() {
            return InMemoryTransportTckTest.IN_MEMORY;
        }
    }

    static final class HealthyDeadlines extends DeadlineRules {
        @Override
        protected TransportUnderTest transport() {
            return InMemoryTransportTckTest.IN_MEMORY;
        }
    }

    static final class HealthyIdentity extends ClientIdentityRules {
        @Override
        protected TransportUnderTest transport() {
            return InMemoryTransportTckTest.IN_MEMORY;
        }
    }
}

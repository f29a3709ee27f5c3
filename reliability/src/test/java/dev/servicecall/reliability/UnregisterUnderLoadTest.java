package dev.servicecall.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.reliability.NativeTransports.NativeTransport;
import dev.servicecall.spi.TransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC section 5: "After unregister returns: new calls get INVALID_PARAMETER_1; calls in flight
 * get UNSUCCESSFUL promptly, without waiting for the routine (whose result is discarded)."
 *
 * <p>{@value #CALLERS} callers in a client process ({@link HammerMain}) call one name without
 * pause while this JVM, the service, registers and unregisters it {@value #ROUNDS} times. Each
 * round waits until calls reach the new registration and some are inside the routine, unregisters
 * with calls in flight, then waits until the callers have met the unregistered name before
 * registering again. Proved: every call ends with SUCCESS, UNSUCCESSFUL or INVALID_PARAMETER_1;
 * none hangs (each call has a 10 s deadline, and all callers stop within 30 s); a failed call
 * gets nothing written back; and no result produced after unregister returned reaches a caller
 * ({@link ChurnRoutine}'s marker), while such late results did occur (so the check was armed).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UnregisterUnderLoadTest {
    static final int CALLERS = 8;
    static final int ROUNDS = 150;
    private static final String NAME = "Churn";
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path workDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.servicecall.reliability.NativeTransports#present")
    void unregisterWhileEightCallersInAnotherProcessHammer_noHang_noWriteBackAfterUnregister(NativeTransport transport)
            throws Exception {
        transport.assumeAvailable();
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, workDir.resolve("ns").toString());
        ChurnRoutine churn = new ChurnRoutine();
        long started = System.nanoTime();
        int inFlightAtUnregister = 0;
        try (ServiceCallSession service = ServiceCall.open(transport.provider(), config);
                ChildJvm hammer = new ChildJvm.Spec(HammerMain.class)
                        .args("--parent", Long.toString(ProcessHandle.current().pid()), transport.providerClass())
                        .args(Settings.asArguments(config))
                        .start(workDir.resolve("hammer.log"))) {
            service.initialize();
            hammer.awaitLine("READY", Duration.ofSeconds(60));
            hammer.send("hammer " + NAME + " " + CALLERS);
            hammer.awaitLine("OK", BOUND);
            for (int round = 0; round < ROUNDS; round++) {
                ServiceRegistration registration = service.register(NAME, ChurnRoutine.SIGNATURE, churn.forRegistration(round));
                long entriesBefore = churn.entries();
                awaitTrue(() -> churn.entries() >= entriesBefore + 3 * CALLERS, "calls reach registration " + round);
                awaitTrue(() -> churn.inFlight() >= 2, "calls inside the routine in round " + round);
                inFlightAtUnregister += churn.inFlight();
                service.unregister(registration);
                churn.unregistered(round);
                long invalidBefore = counts(hammer).get("invalid1");
                while (counts(hammer).get("invalid1") <= invalidBefore) {
                    assertTrue(System.nanoTime() - started < TimeUnit.MINUTES.toNanos(2),
                            "the callers never met the unregistered name in round " + round);
                    Thread.sleep(1);
                }
            }
            hammer.send("stop");
            Map<String, Long> result = parse(hammer.awaitLine("RESULT", Duration.ofSeconds(45)));
            String problems = hammer.diagnostics();
            assertFalse(problems.contains("HUNG"), "callers still in a call 30 s after stop:" + problems);
            assertEquals(0, result.get("other"), "every call ends with SUCCESS, UNSUCCESSFUL or INVALID_PARAMETER_1:" + problems);
            assertEquals(0, result.get("violations"), "no write-back after unregister returned or after a failure:" + problems);
            assertTrue(result.get("success") > 0 && result.get("unsuccessful") > 0 && result.get("invalid1") > 0,
                    "all three outcomes occurred: " + result);
            assertTrue(churn.lateReturns() > 0, "routines did return after their unregister returned, so the "
                    + "no-write-back check was armed");
            new Figures("unregister-under-load", transport.name())
                    .put("rounds", ROUNDS + " register/unregister cycles under " + CALLERS + " callers in another process")
                    .put("calls", result.get("calls") + " (success " + result.get("success") + ", UNSUCCESSFUL "
                            + result.get("unsuccessful") + ", INVALID_PARAMETER_1 " + result.get("invalid1") + ", other "
                            + result.get("other") + ")")
                    .put("calls in flight when unregister was called (sum over rounds)", inFlightAtUnregister)
                    .put("routine results produced after their unregister returned (all discarded)", churn.lateReturns())
                    .put("violations (write-back after unregister or after failure)", result.get("violations"))
                    .put("slowest call", result.get("slowestMillis") + " ms")
                    .put("test duration", Duration.ofNanos(System.nanoTime() - started))
                    .publish();
        }
    }

    private static Map<String, Long> counts(ChildJvm hammer) throws Exception {
        hammer.send("counts");
        return parse(hammer.awaitLine("COUNTS", BOUND));
    }

    private static Map<String, Long> parse(String words) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String word : words.split(" ")) {
            int equals = word.indexOf('=');
            values.put(word.substring(0, equals), Long.parseLong(word.substring(equals + 1)));
        }
        return values;
    }

    private interface Condition {
        boolean holds();
    }

    private static void awaitTrue(Condition condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(0, 100_000);
        }
    }
}

package dev.servicecall.tck;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.ChildProcessServiceSide;
import dev.servicecall.tck.fixture.Fixture;
import dev.servicecall.tck.fixture.IdentityReport;
import dev.servicecall.tck.fixture.InProcessServiceSide;
import dev.servicecall.tck.fixture.ServiceSide;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC sections 1 and 5: initialize, register and unregister over time (unregister does not wait,
 * callers in flight get UNSUCCESSFUL promptly, the name is free at once), services and clients
 * that go away, and concurrency: a thread per call, at least 16 concurrent callers.
 */
public abstract class LifecycleAndConcurrencyRules extends RuleTestBase {
    /** How many callers the concurrency rules run at once (SPEC asks for at least 16). */
    protected static final int CONCURRENT_CALLERS = 16;

    @Test
    void lifecycle_initialize_isIdempotent() {
        rule("SPEC §1: initialize is idempotent; registering works after any number of calls of it");
        ServiceCallSession host = caller();
        for (int i = 0; i < 3; i++) {
            expectReturnedNormally(attempt("initialize #" + (i + 1), () -> {
                host.initialize();
                return 0;
            }));
        }
        String name = name("after-init");
        registerLocally(host, name, Fixture.STATUS);
        expectServiceStatus(4, call(name, Parameter.dword(4)));
    }

    @Test
    void lifecycle_unregister_newCallsGetInvalidParameter1() {
        rule("SPEC §5: after unregister returns, new calls of the name get INVALID_PARAMETER_1");
        String status = serve(Fixture.STATUS);
        expectServiceStatus(5, call(status, Parameter.dword(5)));
        unregister(service(), status);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(status, Parameter.dword(5)));
    }

    @Test
    void lifecycle_unregister_inFlightCallsGetUnsuccessfulPromptly() {
        rule("SPEC §5: calls in flight when the routine is unregistered get UNSUCCESSFUL promptly, without waiting for"
                + " the routine, and nothing is written back to them");
        String hold = serve(Fixture.HOLD);
        List<byte[]> memories = new ArrayList<>();
        List<Pending> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] memory = Bytes.counting(16, i);
            memories.add(memory);
            calls.add(startCall(hold, CallOptions.defaults(), Parameter.pointer(memory)));
        }
        awaitEntered(service(), hold, 3);
        unregister(service(), hold);
        for (int i = 0; i < 3; i++) {
            Outcome outcome = calls.get(i).awaitWithin(transport().promptly());
            expectTransportStatus(NtStatus.UNSUCCESSFUL, outcome);
            expectBytes("caller " + i + "'s memory untouched", Bytes.counting(16, i), memories.get(i));
        }
    }

    @Test
    void lifecycle_unregister_doesNotWaitForRunningRoutine() {
        rule("SPEC §1/§5: unregister withdraws the routine at once; it does not wait for calls in flight");
        String hold = serve(Fixture.HOLD);
        Pending call = startCall(hold, CallOptions.defaults(), Parameter.pointer(new byte[1]));
        awaitEntered(service(), hold, 1);
        Pending unregister = start("unregister", () -> {
            service().unregister(hold);
            return 0;
        });
        Outcome outcome = unregister.awaitWithin(transport().promptly());
        expect(outcome.kind() == Outcome.Kind.RETURNED, "unregister returning within " + transport().promptly().toMillis()
                + " ms while the routine is still held", outcome);
        expectTransportStatus(NtStatus.UNSUCCESSFUL, call.awaitWithin(transport().promptly()));
    }

    @Test
    void lifecycle_unregister_resultOfAbandonedRoutineDiscarded() {
        rule("SPEC §5: when an abandoned routine returns later, its result is discarded: nothing reaches the caller's"
                + " memory");
        String hold = serve(Fixture.HOLD);
        byte[] memory = Bytes.counting(32, 3);
        Pending call = startCall(hold, CallOptions.defaults(), Parameter.pointer(memory));
        awaitEntered(service(), hold, 1);
        unregister(service(), hold);
        expectTransportStatus(NtStatus.UNSUCCESSFUL, call.awaitWithin(transport().promptly()));
        service().release(hold);
        expect(service().awaitReturned(hold, 1, transport().callBound()), "the released routine returning", "it did not");
        expectBytes("the caller's memory untouched after the abandoned routine returned", Bytes.counting(32, 3), memory);
    }

    @Test
    void lifecycle_unregister_nameFreeAtOnce() {
        rule("SPEC §5: the name is free to register again as soon as unregister returns, even while the old routine"
                + " is still running");
        String hold = serve(Fixture.HOLD);
        Pending old = startCall(hold, CallOptions.defaults(), Parameter.pointer(new byte[1]));
        awaitEntered(service(), hold, 1);
        unregister(service(), hold);
        Outcome again = attempt("register the same name again", () -> {
            service().register(hold, Fixture.PLUS);
            return 0;
        });
        expect(again.kind() == Outcome.Kind.RETURNED, "the name registrable at once", again);
        byte[] sum = new byte[4];
        expectServiceStatus(0, call(hold, Parameter.dword(40), Parameter.dword(2), Parameter.pointer(sum)));
        expect(Bytes.intLe(sum, 0) == 42, "the new routine answering (42)", Bytes.intLe(sum, 0));
        expectTransportStatus(NtStatus.UNSUCCESSFUL, old.awaitWithin(transport().promptly()));
    }

    @Test
    void lifecycle_unregister_otherRoutinesUnaffected() {
        rule("SPEC §5: unregistering one routine leaves the others of the same service callable");
        String first = serve(Fixture.STATUS);
        String second = serve(Fixture.STATUS);
        unregister(service(), first);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(first, Parameter.dword(1)));
        expectServiceStatus(2, call(second, Parameter.dword(2)));
    }

    @Test
    void lifecycle_registerAndUnregisterRepeatedly_nameReusable() {
        rule("SPEC §5: a name can be registered, called and unregistered again and again (nothing stale blocks it)");
        String name = name("again");
        for (int round = 0; round < 20; round++) {
            int value = round;
            expectReturnedNormally(attempt("register round " + round, () -> {
                service().register(name, Fixture.STATUS);
                return 0;
            }));
            expectServiceStatus(value, call(name, Parameter.dword(value)));
            unregister(service(), name);
            expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(name, Parameter.dword(value)));
        }
    }

    @Test
    void lifecycle_serviceSessionClosed_inFlightCallsGetUnsuccessfulAndNameFree() {
        rule("SPEC §5: when the service goes away (its session closed) calls in flight get UNSUCCESSFUL promptly,"
                + " nothing is written back, and its names become free");
        ServiceSide closing = startService(TransportConfig.empty());
        String hold = serve(closing, Fixture.HOLD, Fixture.HOLD.signature());
        byte[] memory = Bytes.counting(8, 0);
        Pending call = startCall(hold, CallOptions.defaults(), Parameter.pointer(memory));
        awaitEntered(closing, hold, 1);
        closing.close();
        expectTransportStatus(NtStatus.UNSUCCESSFUL, call.awaitWithin(transport().promptly()));
        expectBytes("the caller's memory untouched", Bytes.counting(8, 0), memory);
        expectReturnedNormally(attempt("register the freed name on another service", () -> {
            service().register(hold, Fixture.STATUS);
            return 0;
        }));
        expectServiceStatus(6, call(hold, Parameter.dword(6)));
    }

    @Test
    void lifecycle_serviceProcessDies_inFlightCallsGetUnsuccessfulAndNameFree() {
        requires(Capability.SERVICE_IN_OTHER_PROCESS, "the rule is about a service process dying");
        rule("SPEC §5: if the service process dies, calls in flight get UNSUCCESSFUL promptly and the name becomes"
                + " free: no stale file or lock blocks the next registration");
        ChildProcessServiceSide doomed = startChildService(TransportConfig.empty());
        String hold = serve(doomed, Fixture.HOLD, Fixture.HOLD.signature());
        byte[] memory = Bytes.counting(8, 0);
        Pending call = startCall(hold, CallOptions.defaults(), Parameter.pointer(memory));
        awaitEntered(doomed, hold, 1);
        doomed.kill();
        expectTransportStatus(NtStatus.UNSUCCESSFUL, call.awaitWithin(transport().promptly()));
        expectBytes("the caller's memory untouched", Bytes.counting(8, 0), memory);
        ServiceCallSession host = initializedCaller();
        registerLocally(host, hold, Fixture.STATUS);
        expectServiceStatus(8, call(hold, Parameter.dword(8)));
    }

    @Test
    void lifecycle_clientProcessDies_serviceKeepsServing() {
        requires(Capability.SERVICE_IN_OTHER_PROCESS, "the rule is about a client process dying");
        rule("SPEC §5: if a client dies mid-call, the service finishes or abandons that call and keeps serving");
        InProcessServiceSide local = startLocalService(TransportConfig.empty());
        ChildProcessServiceSide client = startChildService(TransportConfig.empty());
        String hold = serve(local, Fixture.HOLD, Signature.of(ParameterMask.DWORD, ParameterMask.POINTER));
        client.callFromHereInBackground(hold, 1);
        awaitEntered(local, hold, 1);
        client.kill();
        local.release(hold);
        expect(local.awaitReturned(hold, 1, transport().callBound()), "the routine of the dead client finishing",
                "it did not return");
        expectServiceStatus(0, call(hold, Parameter.dword(2), Parameter.pointer(new byte[4])));
        unregister(local, hold);
        String status = serve(local, Fixture.STATUS, Fixture.STATUS.signature());
        expectServiceStatus(11, call(status, Parameter.dword(11)));
    }

    @Test
    void concurrency_sixteenCallers_eachSeesOwnResult() {
        rule("SPEC §5: client APIs are thread-safe: " + CONCURRENT_CALLERS + " concurrent callers each get their own"
                + " result");
        String plus = serve(Fixture.PLUS);
        List<String> problems = runConcurrently(caller -> {
            for (int round = 0; round < 10; round++) {
                int a = caller * 1000 + round;
                byte[] sum = new byte[4];
                Outcome outcome = callQuietly(plus, Parameter.dword(a), Parameter.dword(7), Parameter.pointer(sum));
                if (!outcome.returned(0) || Bytes.intLe(sum, 0) != a + 7) {
                    return "caller " + caller + " round " + round + ": " + outcome + ", sum " + Bytes.intLe(sum, 0)
                            + " instead of " + (a + 7);
                }
            }
            return null;
        });
        expect(problems.isEmpty(), "every caller its own sums", problems);
    }

    @Test
    void concurrency_sixteenCallers_eachSeesOwnIdentity() {
        rule("SPEC §5: " + CONCURRENT_CALLERS + " concurrent callers each reach the routine with their own identity"
                + " (this process) and their own tag");
        String identity = serve(Fixture.IDENTITY);
        long self = ProcessHandle.current().pid();
        List<String> problems = runConcurrently(caller -> {
            byte[] out = new byte[IdentityReport.SIZE];
            Outcome outcome = callQuietly(identity, Parameter.dword(caller), Parameter.pointer(out));
            IdentityReport report = IdentityReport.read(out);
            if (!outcome.returned(0) || report.tag() != caller || report.clientPid() != self) {
                return "caller " + caller + ": " + outcome + ", " + report;
            }
            return null;
        });
        expect(problems.isEmpty(), "every caller seen as pid " + self + " with its own tag", problems);
    }

    @Test
    void concurrency_routineRunsConcurrentlyWithItself() {
        rule("SPEC §5: every call runs on its own service-side thread; a routine runs concurrently with itself ("
                + CONCURRENT_CALLERS + " calls inside it at once)");
        String hold = serve(Fixture.HOLD);
        List<Pending> calls = new ArrayList<>();
        List<byte[]> memories = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLERS; i++) {
            byte[] memory = new byte[8];
            memories.add(memory);
            calls.add(startCall(hold, CallOptions.defaults(), Parameter.pointer(memory)));
        }
        awaitEntered(service(), hold, CONCURRENT_CALLERS);
        service().release(hold);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLERS; i++) {
            Outcome outcome = calls.get(i).await();
            if (!outcome.returned(0) || memories.get(i)[0] != Fixture.HOLD_BYTE) {
                problems.add("call " + i + ": " + outcome);
            }
        }
        expect(problems.isEmpty(), "all " + CONCURRENT_CALLERS + " calls returning 0 with their buffers", problems);
    }

    @Test
    void concurrency_heldRoutineDoesNotBlockOtherCalls() {
        rule("SPEC §5: a call in flight does not block other calls, of other routines or of the same one");
        String hold = serve(Fixture.HOLD);
        String plus = serve(Fixture.PLUS);
        Pending held = startCall(hold, CallOptions.defaults(), Parameter.pointer(new byte[1]));
        awaitEntered(service(), hold, 1);
        byte[] sum = new byte[4];
        expectServiceStatus(0, call(plus, Parameter.dword(1), Parameter.dword(2), Parameter.pointer(sum)));
        Pending second = startCall(hold, CallOptions.defaults(), Parameter.pointer(new byte[1]));
        awaitEntered(service(), hold, 2);
        service().release(hold);
        expectServiceStatus(0, held.await());
        expectServiceStatus(0, second.await());
    }

    @Test
    void concurrency_severalCallerSessions_eachServed() {
        rule("SPEC §5: several client sessions calling the same routine at once are each served correctly");
        String plus = serve(Fixture.PLUS);
        List<ServiceCallSession> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(openSession(config()));
        }
        List<String> problems = runConcurrently(caller -> {
            ServiceCallSession session = sessions.get(caller % sessions.size());
            byte[] sum = new byte[4];
            try {
                int status = session.call(plus, Parameter.dword(caller), Parameter.dword(caller), Parameter.pointer(sum));
                return status == 0 && Bytes.intLe(sum, 0) == 2 * caller ? null
                        : "caller " + caller + ": status " + NtStatus.describe(status) + ", sum " + Bytes.intLe(sum, 0);
            } catch (Exception e) {
                return "caller " + caller + ": " + e;
            }
        });
        expect(problems.isEmpty(), "every caller its own sum", problems);
    }

    // ---- helpers ----

    /** One caller's work: null when all went well, else what went wrong. */
    @FunctionalInterface
    protected interface CallerWork {
        /** Runs caller number {@code caller}. */
        String run(int caller) throws Exception;
    }

    /** Runs {@link #CONCURRENT_CALLERS} callers released together; returns their problems. */
    protected final List<String> runConcurrently(CallerWork work) {
        CountDownLatch go = new CountDownLatch(1);
        List<Pending> callers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CALLERS; i++) {
            int caller = i;
            callers.add(start("caller " + i, () -> {
                if (!go.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never started");
                }
                String problem = work.run(caller);
                if (problem != null) {
                    synchronized (problems) {
                        problems.add(problem);
                    }
                }
                return 0;
            }));
        }
        go.countDown();
        for (Pending caller : callers) {
            Outcome outcome = caller.await();
            if (outcome.kind() != Outcome.Kind.RETURNED) {
                synchronized (problems) {
                    problems.add(caller + ": " + outcome);
                }
            }
        }
        synchronized (problems) {
            return new ArrayList<>(problems);
        }
    }

    /** A call on this thread (the caller is already a bounded kit thread). */
    private Outcome callQuietly(String routine, Parameter... parameters) {
        long started = System.nanoTime();
        try {
            return Outcome.returned(caller().call(routine, parameters), Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception e) {
            return Outcome.of(e, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void unregister(ServiceSide side, String routine) {
        Outcome outcome = attempt("unregister '" + routine + "'", () -> {
            side.unregister(routine);
            return 0;
        });
        expect(outcome.kind() == Outcome.Kind.RETURNED, "unregister of '" + routine + "' succeeding", outcome);
    }

}

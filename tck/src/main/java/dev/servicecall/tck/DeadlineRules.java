package dev.servicecall.tck;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.Parameter;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.tck.fixture.Fixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 2, IO_TIMEOUT: a per-call deadline (none by default) that ends the call with
 * IO_TIMEOUT, nothing written back, and leaves the transport working.
 */
public abstract class DeadlineRules extends RuleTestBase {
    private static final Duration SHORT = Duration.ofMillis(300);

    @Test
    void deadline_routineOutlastsTimeout_isIoTimeout() {
        rule("SPEC §2 IO_TIMEOUT: when the routine outlasts the call's deadline the call fails with IO_TIMEOUT, not"
                + " before the deadline and promptly after it");
        String hold = serve(Fixture.HOLD);
        Pending call = startCall(hold, CallOptions.timeout(SHORT), Parameter.pointer(new byte[4]));
        Outcome outcome = call.awaitWithin(SHORT.plus(transport().promptly()));
        expectTransportStatus(NtStatus.IO_TIMEOUT, outcome);
        expect(outcome.elapsed().compareTo(SHORT) >= 0, "not before the deadline of " + SHORT.toMillis() + " ms", outcome);
    }

    @Test
    void deadline_ioTimeout_nothingWrittenBackEvenWhenRoutineReturnsLater() {
        rule("SPEC §2/§4: after IO_TIMEOUT nothing is written back, not even when the routine returns later");
        String hold = serve(Fixture.HOLD);
        byte[] memory = Bytes.counting(24, 5);
        Outcome outcome = startCall(hold, CallOptions.timeout(SHORT), Parameter.pointer(memory))
                .awaitWithin(SHORT.plus(transport().promptly()));
        expectTransportStatus(NtStatus.IO_TIMEOUT, outcome);
        expectBytes("the caller's memory untouched at IO_TIMEOUT", Bytes.counting(24, 5), memory);
        // Under heavy load the deadline can pass before the call reaches the routine (it also covers
        // connecting); the late return can only be checked when the routine did start.
        boolean entered = service().awaitEntered(hold, 1, transport().promptly());
        service().release(hold);
        if (entered) {
            expect(service().awaitReturned(hold, 1, transport().callBound()), "the routine returning once released",
                    "it did not");
        }
        byte[] probe = new byte[4];
        expectServiceStatus(0, call(serve(Fixture.PLUS), Parameter.dword(1), Parameter.dword(1), Parameter.pointer(probe)));
        expectBytes("the caller's memory untouched after the late return", Bytes.counting(24, 5), memory);
    }

    @Test
    void deadline_noneByDefault() {
        rule("SPEC §2 IO_TIMEOUT is a Java addition: by default a call has no deadline and waits for a slow routine");
        String sleep = serve(Fixture.SLEEP);
        byte[] memory = new byte[2];
        expectServiceStatus(0, call(sleep, Parameter.dword(2500), Parameter.pointer(memory)));
        expectBytes("the slow routine's result written back", Bytes.filled(2, 0x77), memory);
    }

    @Test
    void deadline_notReached_callSucceeds() {
        rule("SPEC §2: a call that ends before its deadline returns normally, its results written back");
        String plus = serve(Fixture.PLUS);
        byte[] sum = new byte[4];
        expectServiceStatus(0, call(plus, CallOptions.timeout(Duration.ofSeconds(30)), Parameter.dword(30),
                Parameter.dword(12), Parameter.pointer(sum)));
        expect(Bytes.intLe(sum, 0) == 42, "30 + 12 = 42", Bytes.intLe(sum, 0));
    }

    @Test
    void deadline_afterIoTimeout_transportKeepsWorking() {
        rule("SPEC §2: after an IO_TIMEOUT the session keeps working, and the late result of the timed-out call is"
                + " never taken for another call's");
        String hold = serve(Fixture.HOLD);
        String plus = serve(Fixture.PLUS);
        expectTransportStatus(NtStatus.IO_TIMEOUT, startCall(hold, CallOptions.timeout(SHORT), Parameter.pointer(new byte[4]))
                .awaitWithin(SHORT.plus(transport().promptly())));
        for (int round = 0; round < 2; round++) {
            byte[] sum = new byte[4];
            expectServiceStatus(0, call(plus, Parameter.dword(round), Parameter.dword(100), Parameter.pointer(sum)));
            expect(Bytes.intLe(sum, 0) == round + 100, "round " + round + ": " + (round + 100), Bytes.intLe(sum, 0));
            service().release(hold);
        }
        expect(service().awaitReturned(hold, 1, transport().callBound()), "the held routine returning", "it did not");
        byte[] sum = new byte[4];
        expectServiceStatus(0, call(plus, Parameter.dword(5), Parameter.dword(5), Parameter.pointer(sum)));
        expect(Bytes.intLe(sum, 0) == 10, "5 + 5 = 10 after the late return", Bytes.intLe(sum, 0));
    }

    @Test
    void deadline_appliesPerCall() {
        rule("SPEC §2: a deadline belongs to one call: a concurrent call without deadline to the same routine keeps"
                + " waiting and returns normally");
        String hold = serve(Fixture.HOLD);
        byte[] patient = new byte[4];
        Pending waiting = startCall(hold, CallOptions.defaults(), Parameter.pointer(patient));
        awaitEntered(service(), hold, 1);
        expectTransportStatus(NtStatus.IO_TIMEOUT, startCall(hold, CallOptions.timeout(SHORT), Parameter.pointer(new byte[4]))
                .awaitWithin(SHORT.plus(transport().promptly())));
        expect(!waiting.isDone(), "the call without deadline still waiting", "it ended: " + waiting.awaitWithin(Duration.ZERO));
        service().release(hold);
        expectServiceStatus(0, waiting.await());
        expectBytes("its result written back", Bytes.filled(4, Fixture.HOLD_BYTE), patient);
    }
}

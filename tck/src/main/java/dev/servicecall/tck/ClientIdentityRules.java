package dev.servicecall.tck;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.CallOptions;
import dev.servicecall.api.ClientId;
import dev.servicecall.api.Parameter;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.CallReport;
import dev.servicecall.tck.fixture.ChildProcessServiceSide;
import dev.servicecall.tck.fixture.Fixture;
import dev.servicecall.tck.fixture.IdentityReport;
import dev.servicecall.tck.fixture.InProcessServiceSide;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 5, client identity ({@code RtlClientId}): inside a routine the caller's pid (and
 * uid where the OS tells) and a {@link ProcessHandle}; outside a routine "not in a call".
 */
public abstract class ClientIdentityRules extends RuleTestBase {

    @Test
    void identity_pid_isTheCallingProcess() {
        rule("SPEC §5: inside a routine the client pid is the pid of the process that made the call");
        IdentityReport report = identityOfCallFromThisJvm(17);
        expect(report.clientPid() == ProcessHandle.current().pid(), "client pid " + ProcessHandle.current().pid()
                + " (the test JVM)", report);
        expect(report.tag() == 17, "the routine seeing this call's tag 17", report);
        expect(report.servicePid() == service().pid(), "the routine running in the service process " + service().pid(),
                report);
    }

    @Test
    void identity_processHandle_presentDuringCall() {
        rule("SPEC §5: inside a routine a ProcessHandle of the client is available, for the client's pid");
        IdentityReport report = identityOfCallFromThisJvm(1);
        expect(report.processPresent() && report.processPidMatches(), "a ProcessHandle of the client", report);
    }

    @Test
    void identity_clientIdCurrent_isTheCallsClient() {
        rule("SPEC §5 (RtlClientId): inside a routine ClientId.current() is the calling client");
        IdentityReport report = identityOfCallFromThisJvm(2);
        expect(report.currentMatchesClient(), "ClientId.current() equal to the call's client", report);
    }

    @Test
    void identity_outsideRoutine_notInACall() {
        rule("SPEC §5 (RtlClientId): outside a routine the identity reports 'not in a call' (ClientId.current()"
                + " empty), before and after calls");
        expect(ClientId.current().isEmpty(), "ClientId.current() empty on a test thread", ClientId.current());
        identityOfCallFromThisJvm(3);
        Outcome outside = attempt("ClientId.current() on a caller thread after a call", () -> {
            identityOfCallFromThisJvm(4);
            return ClientId.current().isPresent() ? 1 : 0;
        });
        expectServiceStatus(0, outside);
        expect(ClientId.current().isEmpty(), "ClientId.current() empty on the test thread after calls", ClientId.current());
    }

    @Test
    void identity_uid_isTheCallingUser() throws Exception {
        requires(Capability.CALLER_UID_KNOWN, "the OS does not tell this transport the caller's uid");
        rule("SPEC §5: where the OS tells, the client uid is the OS user of the calling process");
        long uid = ((Number) Files.getAttribute(workDir, "unix:uid")).longValue();
        IdentityReport report = identityOfCallFromThisJvm(5);
        expect(report.uid().isPresent() && report.uid().getAsLong() == uid, "uid " + uid, report);
    }

    @Test
    void identity_clientInAnotherProcess_pidIsThatProcess() {
        requires(Capability.SERVICE_IN_OTHER_PROCESS, "the rule needs a client in another process");
        rule("SPEC §5: a routine called from another process sees that process's pid and a ProcessHandle of it");
        InProcessServiceSide local = startLocalService(TransportConfig.empty());
        String identity = serve(local, Fixture.IDENTITY, Fixture.IDENTITY.signature());
        ChildProcessServiceSide client = startChildService(TransportConfig.empty());
        CallReport call = client.callFromHere(identity, 99, transport().callBound());
        expect(call.isReturned() && call.status() == 0, "the child's call returning service status 0", call);
        IdentityReport report = IdentityReport.read(call.out());
        expect(report.clientPid() == client.pid() && report.processPresent() && report.processPidMatches(),
                "client pid " + client.pid() + " (the child) with its ProcessHandle", report);
        expect(report.servicePid() == ProcessHandle.current().pid(), "the routine running in this JVM", report);
    }

    @Test
    void identity_callersOfTwoProcessesAtOnce_eachSeeTheirOwnPid() {
        requires(Capability.SERVICE_IN_OTHER_PROCESS, "the rule needs clients in two processes");
        rule("SPEC §5: concurrent calls from two processes each see their own process's pid");
        InProcessServiceSide local = startLocalService(TransportConfig.empty());
        String identity = serve(local, Fixture.IDENTITY, Fixture.IDENTITY.signature());
        ChildProcessServiceSide client = startChildService(TransportConfig.empty());
        List<Pending> fromChild = new ArrayList<>();
        List<Pending> fromHere = new ArrayList<>();
        List<byte[]> outs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int tag = i;
            fromChild.add(start("call from the child", () -> {
                CallReport call = client.callFromHere(identity, tag, transport().callBound());
                IdentityReport report = IdentityReport.read(call.out());
                return call.isReturned() && report.clientPid() == client.pid() && report.tag() == tag ? 0 : 1;
            }));
            byte[] out = new byte[IdentityReport.SIZE];
            outs.add(out);
            fromHere.add(startCall(identity, CallOptions.defaults(), Parameter.dword(100 + i),
                    Parameter.pointer(out)));
        }
        for (int i = 0; i < 8; i++) {
            expectServiceStatus(0, fromHere.get(i).await());
            IdentityReport report = IdentityReport.read(outs.get(i));
            expect(report.clientPid() == ProcessHandle.current().pid() && report.tag() == 100 + i,
                    "a call from this JVM seen as pid " + ProcessHandle.current().pid(), report);
            Outcome child = fromChild.get(i).await();
            expect(child.returned(0), "a call from the child seen as pid " + client.pid(), child);
        }
    }

    private IdentityReport identityOfCallFromThisJvm(int tag) {
        String identity = serve(Fixture.IDENTITY, Signature.of(DWORD, POINTER));
        byte[] out = new byte[IdentityReport.SIZE];
        expectServiceStatus(0, call(identity, Parameter.dword(tag), Parameter.pointer(out)));
        return IdentityReport.read(out);
    }
}

package dev.servicecall.tck;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ParameterMask;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportConfig;
import dev.servicecall.tck.fixture.Fixture;
import dev.servicecall.tck.fixture.ServiceSide;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC section 2: every status code, when it is produced, and the order of the checks of a call.
 *
 * <p>Two statuses cannot be provoked through the API of every transport and are covered as
 * follows. NO_MEMORY (register without listener resources) needs a transport-specific setting:
 * it is asserted when the transport declares {@link Capability#LISTENER_RESOURCES_CAN_BE_DENIED},
 * skipped with that reason otherwise. ACCESS_DENIED (the service could not write results back)
 * cannot arise for a Java caller whose buffers passed the checks (a read-only buffer is
 * ACCESS_VIOLATION before anything is sent); it is asserted as a service status that must reach
 * the caller unchanged, like every other service status.
 */
public abstract class StatusCodeRules extends RuleTestBase {
    @Test
    void status_success_routineReturningZeroGivesSuccess() {
        rule("SPEC §2 SUCCESS: a call whose routine returns 0 returns STATUS_SUCCESS, with the results written back");
        String plus = serve(Fixture.PLUS);
        byte[] sum = new byte[4];
        expectServiceStatus(NtStatus.SUCCESS, call(plus, Parameter.dword(2), Parameter.dword(3), Parameter.pointer(sum)));
        expect(Bytes.intLe(sum, 0) == 5, "2 + 3 = 5 written back", Bytes.intLe(sum, 0));
    }

    @ParameterizedTest(name = "service status {0}")
    @ValueSource(ints = {1, -1, 0x7FFFFFFF, 0x80000000, NtStatus.ACCESS_DENIED, NtStatus.UNSUCCESSFUL,
            NtStatus.INVALID_PARAMETER, NtStatus.UNHANDLED_EXCEPTION, NtStatus.OBJECT_NAME_EXISTS,
            NtStatus.INVALID_PARAMETER_1, NtStatus.IO_TIMEOUT})
    void status_serviceStatus_deliveredUnchanged(int serviceStatus) {
        rule("SPEC §2: the service status is whatever int the routine returns, delivered exactly; a transport never"
                + " reinterprets it (a routine returning " + NtStatus.describe(serviceStatus) + " is not a transport failure)");
        String status = serve(Fixture.STATUS);
        expectServiceStatus(serviceStatus, call(status, Parameter.dword(serviceStatus)));
    }

    @Test
    void status_register_nameTakenByAnotherSession_isObjectNameExists() {
        rule("SPEC §2 OBJECT_NAME_EXISTS: register of a name registered by another live session or process fails with"
                + " 0x40000000 and registers nothing");
        String plus = serve(Fixture.PLUS);
        ServiceCallSession host = initializedCaller();
        expectTransportStatus(NtStatus.OBJECT_NAME_EXISTS, attempt("register", () -> {
            host.register(plus, Signature.of(DWORD, DWORD, POINTER), Fixture.STATUS.routine(localFixtures()));
            return 0;
        }));
        byte[] sum = new byte[4];
        expectServiceStatus(0, call(plus, Parameter.dword(20), Parameter.dword(22), Parameter.pointer(sum)));
        expect(Bytes.intLe(sum, 0) == 42, "the first registration still serving the name (20 + 22 = 42)", Bytes.intLe(sum, 0));
    }

    @Test
    void status_register_nameTakenInSameSession_isObjectNameExists() {
        rule("SPEC §2 OBJECT_NAME_EXISTS: register of a name the same session registered fails with 0x40000000");
        String plus = serve(Fixture.PLUS);
        expectTransportStatus(NtStatus.OBJECT_NAME_EXISTS, attempt("register again", () -> {
            service().register(plus, Fixture.STATUS, Signature.of(DWORD));
            return 0;
        }));
        byte[] sum = new byte[4];
        expectServiceStatus(0, call(plus, Parameter.dword(1), Parameter.dword(1), Parameter.pointer(sum)));
        expect(Bytes.intLe(sum, 0) == 2, "the first registration still serving the name", Bytes.intLe(sum, 0));
    }

    @Test
    void status_unknownName_isInvalidParameter1() {
        rule("SPEC §2 INVALID_PARAMETER_1: a call of a name nobody registered fails with INVALID_PARAMETER_1");
        service();
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1,
                call(name("nobody"), Parameter.dword(1), Parameter.dword(2), Parameter.pointer(new byte[4])));
    }

    @Test
    void status_call_nullName_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: a call with a null name fails with ACCESS_VIOLATION");
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(null, Parameter.dword(1)));
    }

    @Test
    void status_call_nullParameterList_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: a call with a null argument list (or a null element) fails with ACCESS_VIOLATION");
        String status = serve(Fixture.STATUS);
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(status, (Parameter[]) null));
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(status, new Parameter[] {null}));
        expectNotRun(status);
    }

    @Test
    void status_call_sliceBeyondItsArray_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: a buffer shorter than its declared size (a byte[] slice past the end) fails"
                + " with ACCESS_VIOLATION, before anything is sent");
        String increment = serve(Fixture.INCREMENT);
        byte[] memory = Bytes.counting(8, 1);
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(increment, Parameter.pointer(memory, 4, 5)));
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(increment, Parameter.pointer(memory, -1, 2)));
        expectBytes("the caller's memory untouched", Bytes.counting(8, 1), memory);
        expectNotRun(increment);
    }

    @Test
    void status_call_byteBufferShorterThanDeclared_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: a ByteBuffer with fewer bytes left than the declared size fails with"
                + " ACCESS_VIOLATION");
        String increment = serve(Fixture.INCREMENT);
        ByteBuffer buffer = ByteBuffer.allocate(16).position(10);
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(increment, Parameter.pointer(buffer, 7)));
        ByteBuffer direct = ByteBuffer.allocateDirect(16).limit(4);
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(increment, Parameter.pointer(direct, 5)));
        expectNotRun(increment);
    }

    @Test
    void status_call_readOnlyBuffer_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: a read-only buffer where results must be written back fails with"
                + " ACCESS_VIOLATION");
        String increment = serve(Fixture.INCREMENT);
        expectTransportStatus(NtStatus.ACCESS_VIOLATION,
                call(increment, Parameter.pointer(ByteBuffer.allocate(8).asReadOnlyBuffer(), 8)));
        expectNotRun(increment);
    }

    @Test
    void status_register_nullArgument_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: register with a null name, signature or routine fails with ACCESS_VIOLATION");
        ServiceCallSession host = initializedCaller();
        String name = name("null-args");
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, attempt("register(null, ...)", () -> {
            host.register(null, Signature.of(DWORD), Fixture.STATUS.routine(localFixtures()));
            return 0;
        }));
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, attempt("register(name, null, ...)", () -> {
            host.register(name, null, Fixture.STATUS.routine(localFixtures()));
            return 0;
        }));
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, attempt("register(name, signature, null)", () -> {
            host.register(name, Signature.of(DWORD), null);
            return 0;
        }));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(name, Parameter.dword(0)));
    }

    @Test
    void status_unregister_nullHandle_isAccessViolation() {
        rule("SPEC §2 ACCESS_VIOLATION: unregister of a null handle fails with ACCESS_VIOLATION");
        ServiceCallSession host = initializedCaller();
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, attempt("unregister(null)", () -> {
            host.unregister(null);
            return 0;
        }));
    }

    @Test
    void status_unregister_twice_isInvalidParameter() {
        rule("SPEC §2 INVALID_PARAMETER: unregister of an already-unregistered handle fails with INVALID_PARAMETER");
        String plus = serve(Fixture.PLUS);
        expectReturnedNormally(attempt("the first unregister", () -> {
            service().unregister(plus);
            return 0;
        }));
        expectTransportStatus(NtStatus.INVALID_PARAMETER, attempt("the second unregister", () -> {
            service().unregister(plus);
            return 0;
        }));
    }

    @Test
    void status_unregister_handleOfAnotherSession_isInvalidParameter() {
        rule("SPEC §2 INVALID_PARAMETER: unregister of a handle this session did not register (unknown to it) fails"
                + " with INVALID_PARAMETER and withdraws nothing");
        ServiceCallSession owner = initializedCaller();
        ServiceCallSession other = openSession(config());
        String name = name("foreign");
        ServiceRegistration registration = registerLocally(owner, name, Fixture.STATUS);
        expectTransportStatus(NtStatus.INVALID_PARAMETER, attempt("unregister through another session", () -> {
            other.initialize();
            other.unregister(registration);
            return 0;
        }));
        expectServiceStatus(9, call(name, Parameter.dword(9)));
    }

    @Test
    void status_pointerBeyondServiceLimit_isServiceStatusInvalidParameter() {
        rule("SPEC §2 INVALID_PARAMETER as service status: a pointer larger than the service's buffer limit ("
                + TransportConfig.MAX_BUFFER_BYTES + ") is not mapped, the routine does not run, nothing is written back");
        ServiceSide limited = startService(TransportConfig.empty().with(TransportConfig.MAX_BUFFER_BYTES, "64"));
        String increment = serve(limited, Fixture.INCREMENT, Fixture.INCREMENT.signature());
        byte[] tooLarge = Bytes.counting(65, 0);
        expectServiceStatus(NtStatus.INVALID_PARAMETER, call(increment, Parameter.pointer(tooLarge)));
        expectBytes("the caller's 65 bytes untouched", Bytes.counting(65, 0), tooLarge);
        expect(limited.enteredCount(increment) == 0, "the routine not run", limited.enteredCount(increment) + " call(s) ran");
        byte[] atLimit = Bytes.counting(64, 0);
        expectServiceStatus(64, call(increment, Parameter.pointer(atLimit)));
        expectBytes("a pointer of exactly the limit mapped and written back", Bytes.incremented(Bytes.counting(64, 0)), atLimit);
    }

    @ParameterizedTest(name = "name \"{0}\"")
    @ValueSource(strings = {"", "a/b", "a b", "../up", ".hidden", "caf\u00e9", "nul\u0000x", "back\\slash"})
    void status_register_unrepresentableName_isObjectNameInvalid(String badName) {
        rule("SPEC §2 OBJECT_NAME_INVALID: register with an empty name or characters the transport cannot represent"
                + " fails with OBJECT_NAME_INVALID");
        ServiceCallSession host = initializedCaller();
        expectTransportStatus(NtStatus.OBJECT_NAME_INVALID, attempt("register", () -> {
            host.register(badName, Signature.of(DWORD), Fixture.STATUS.routine(localFixtures()));
            return 0;
        }));
    }

    @Test
    void status_register_nameTooLong_isObjectNameInvalid() {
        rule("SPEC §2 OBJECT_NAME_INVALID: register with a name longer than the transports can represent (64) fails"
                + " with OBJECT_NAME_INVALID; 64 characters are fine");
        ServiceCallSession host = initializedCaller();
        char[] longest = new char[64];
        Arrays.fill(longest, 'n');
        String tooLong = new String(longest) + "n";
        expectTransportStatus(NtStatus.OBJECT_NAME_INVALID, attempt("register a 65-character name", () -> {
            host.register(tooLong, Signature.of(DWORD), Fixture.STATUS.routine(localFixtures()));
            return 0;
        }));
        String name = name("x");
        char[] padded = new char[64 - name.length()];
        Arrays.fill(padded, 'n');
        String sixtyFour = name + new String(padded);
        registerLocally(host, sixtyFour, Fixture.STATUS);
        expectServiceStatus(64, call(sixtyFour, Parameter.dword(64)));
    }

    @ParameterizedTest(name = "name \"{0}\"")
    @ValueSource(strings = {"", "a/b", "a b", "../up", "caf\u00e9"})
    void status_call_unrepresentableName_isObjectNameInvalid(String badName) {
        rule("SPEC §2 OBJECT_NAME_INVALID: a call with an empty name or characters the transport cannot represent"
                + " fails with OBJECT_NAME_INVALID");
        expectTransportStatus(NtStatus.OBJECT_NAME_INVALID, call(badName, Parameter.dword(1)));
    }

    @Test
    void status_register_beforeInitialize_isNotSupported() {
        rule("SPEC §2 NOT_SUPPORTED: register before initialize fails with NOT_SUPPORTED; after initialize it works");
        ServiceCallSession host = openSession(config());
        String name = name("early");
        expectTransportStatus(NtStatus.NOT_SUPPORTED, attempt("register before initialize", () -> {
            host.register(name, Signature.of(DWORD), Fixture.STATUS.routine(localFixtures()));
            return 0;
        }));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(name, Parameter.dword(3)));
        expectReturnedNormally(attempt("initialize", () -> {
            host.initialize();
            return 0;
        }));
        registerLocally(host, name, Fixture.STATUS);
        expectServiceStatus(3, call(name, Parameter.dword(3)));
    }

    @Test
    void status_register_listenerResourcesUnavailable_isNoMemory() {
        requires(Capability.LISTENER_RESOURCES_CAN_BE_DENIED, "NO_MEMORY needs a transport-specific way to deny"
                + " listener resources (TransportUnderTest.configWithoutListenerResources)");
        rule("SPEC §2 NO_MEMORY: when the resources for the listener cannot be obtained, initialize or register fails"
                + " with NO_MEMORY and nothing is registered");
        ServiceCallSession host = openSession(transport().configWithoutListenerResources(workDir));
        String name = name("no-listener");
        Outcome outcome = attempt("initialize and register", () -> {
            host.initialize();
            host.register(name, Signature.of(DWORD), Fixture.STATUS.routine(localFixtures()));
            return 0;
        });
        expectTransportStatus(NtStatus.NO_MEMORY, outcome);
    }

    @Test
    void status_routineThrows_isUnhandledException() {
        rule("SPEC §2 UNHANDLED_EXCEPTION: when the routine throws, the call returns service status UNHANDLED_EXCEPTION");
        String thrower = serve(Fixture.THROW);
        expectServiceStatus(NtStatus.UNHANDLED_EXCEPTION, call(thrower, Parameter.pointer(new byte[4])));
    }

    @Test
    void status_closedSession_isUnsuccessful() {
        rule("SPEC §2 UNSUCCESSFUL: a call through a closed session cannot reach any service: UNSUCCESSFUL");
        String status = serve(Fixture.STATUS);
        ServiceCallSession closed = openSession(config());
        closed.close();
        expectTransportStatus(NtStatus.UNSUCCESSFUL, attempt("call after close", () -> closed.call(status, Parameter.dword(1))));
        expectServiceStatus(1, call(status, Parameter.dword(1)));
    }

    @Test
    void status_checkOrder_accessViolationBeforeInvalidMask() {
        rule("SPEC §2 check order: local memory checks (ACCESS_VIOLATION) come before mask checks (INVALID_PARAMETER_2)");
        String increment = serve(Fixture.INCREMENT);
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(increment,
                Parameter.value(ParameterMask.raw(0x94), 1), Parameter.pointer(new byte[2], 1, 2)));
    }

    @Test
    void status_checkOrder_invalidMaskBeforeNameLookup() {
        rule("SPEC §2 check order: an invalid mask (INVALID_PARAMETER_2) is reported before the name lookup"
                + " (INVALID_PARAMETER_1)");
        service();
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(name("nobody"), Parameter.value(ParameterMask.raw(0x94), 1)));
    }

    @Test
    void status_checkOrder_nullNonNullablePointerBeforeNameLookup() {
        rule("SPEC §2 check order: a null for a non-nullable pointer (INVALID_PARAMETER_2) is reported before the name"
                + " lookup (INVALID_PARAMETER_1)");
        service();
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2,
                call(name("nobody"), Parameter.pointer(ParameterMask.POINTER, (byte[]) null, 0, 0)));
    }

    @Test
    void status_checkOrder_accessViolationBeforeNameLookup() {
        rule("SPEC §2 check order: ACCESS_VIOLATION is reported before the name lookup (INVALID_PARAMETER_1)");
        service();
        expectTransportStatus(NtStatus.ACCESS_VIOLATION, call(name("nobody"), Parameter.pointer(new byte[4], 2, 4)));
    }

    @Test
    void status_checkOrder_nameLookupBeforeSignatureMatch() {
        rule("SPEC §2 check order: for an unknown name the status is INVALID_PARAMETER_1 whatever the signature,"
                + " while a known name with another signature is INVALID_PARAMETER_2");
        String plus = serve(Fixture.PLUS);
        expectTransportStatus(NtStatus.INVALID_PARAMETER_1, call(name("nobody"), Parameter.qword(1)));
        expectTransportStatus(NtStatus.INVALID_PARAMETER_2, call(plus, Parameter.qword(1)));
        expectNotRun(plus);
    }
}

package dev.servicecall.demo;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.NULLABLE_POINTER;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.RoutineCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceHost;
import dev.servicecall.api.ServiceRegistration;
import dev.servicecall.api.Signature;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The demo's routines, as the original's test registers them: {@code ServerPlusInt} and
 * {@code ServerDecInt} ({@code DWORD a, DWORD b, POINTER out}) and
 * {@code QuerySystemInformation} ({@code DWORD class, NULLABLE_POINTER buffer, DWORD size,
 * NULLABLE_POINTER returned length}), which follows {@code NtQuerySystemInformation}: with no
 * buffer or one too small it stores the length needed and returns
 * {@link #STATUS_INFO_LENGTH_MISMATCH}.
 */
public final class DemoRoutines {
    /** Name of the addition routine. */
    public static final String PLUS = "ServerPlusInt";
    /** Name of the subtraction routine. */
    public static final String DEC = "ServerDecInt";
    /** Name of the system information routine. */
    public static final String QUERY = "QuerySystemInformation";
    /** The two-operand signature: {@code (DWORD, DWORD, POINTER)}. */
    public static final Signature ARITHMETIC = Signature.of(DWORD, DWORD, POINTER);
    /** The query signature: {@code (DWORD, NULLABLE_POINTER, DWORD, NULLABLE_POINTER)}. */
    public static final Signature QUERY_SIGNATURE = Signature.of(DWORD, NULLABLE_POINTER, DWORD, NULLABLE_POINTER);
    /** The only information class served: the machine's processes (NT's value). */
    public static final int SYSTEM_PROCESS_INFORMATION = 5;
    /** Service status: the buffer is missing or too small (NT's value). */
    public static final int STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;
    /** Service status: an information class this service does not serve (NT's value). */
    public static final int STATUS_INVALID_INFO_CLASS = 0xC0000003;

    private final PrintStream log;

    /** @param log where each call is reported, with the caller's pid */
    public DemoRoutines(PrintStream log) {
        this.log = log;
    }

    /** Registers the three routines on an initialized host. */
    public List<ServiceRegistration> registerAll(ServiceHost host) throws ServiceCallException {
        return List.of(
                host.register(PLUS, ARITHMETIC, this::plus),
                host.register(DEC, ARITHMETIC, this::dec),
                host.register(QUERY, QUERY_SIGNATURE, this::query));
    }

    int plus(RoutineCall call) {
        report(call);
        call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
        return 0;
    }

    int dec(RoutineCall call) {
        report(call);
        call.buffer(2).putInt(0, call.dword(0) - call.dword(1));
        return 0;
    }

    int query(RoutineCall call) {
        report(call);
        if (call.dword(0) != SYSTEM_PROCESS_INFORMATION) {
            return STATUS_INVALID_INFO_CLASS;
        }
        byte[] snapshot = ProcessSnapshot.take().encode();
        ByteBuffer returnedLength = call.buffer(3);
        if (returnedLength != null && returnedLength.capacity() >= 4) {
            returnedLength.putInt(0, snapshot.length);
        }
        ByteBuffer target = call.buffer(1);
        long declared = call.value(2);
        if (target == null || declared < snapshot.length || target.capacity() < snapshot.length) {
            return STATUS_INFO_LENGTH_MISMATCH;
        }
        target.put(0, snapshot);
        return 0;
    }

    private void report(RoutineCall call) {
        log.printf("[service] %s called by client pid %d%s%n", call.routineName(), call.client().pid(),
                call.client().uid().isPresent() ? " (uid " + call.client().uid().getAsLong() + ")" : "");
        log.flush();
    }
}

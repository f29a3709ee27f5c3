package dev.servicecall.demo;

import static dev.servicecall.api.Parameter.dword;
import static dev.servicecall.api.Parameter.nullPointer;
import static dev.servicecall.api.Parameter.nullablePointer;
import static dev.servicecall.api.Parameter.pointer;

import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCaller;
import dev.servicecall.api.Status;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Comparator;

/**
 * The client side of the demo: calls plus and dec, then queries the service's processes the NT
 * way (first with no buffer to learn the length, then with a buffer of that size), checking every
 * answer.
 */
public final class DemoClient {
    private final ServiceCaller caller;
    private final PrintStream out;

    /** @param caller where calls go; @param out where results are printed */
    public DemoClient(ServiceCaller caller, PrintStream out) {
        this.caller = caller;
        this.out = out;
    }

    /**
     * Runs the whole client script.
     *
     * @throws ServiceCallException when a call fails
     * @throws IllegalStateException when an answer is wrong
     */
    public void run() throws ServiceCallException {
        arithmetic(DemoRoutines.PLUS, "+", 1, 1, 2);
        arithmetic(DemoRoutines.PLUS, "+", 40, 2, 42);
        arithmetic(DemoRoutines.DEC, "-", 5, 3, 2);
        arithmetic(DemoRoutines.DEC, "-", 1, 1, 0);
        queryProcesses();
    }

    private void arithmetic(String routine, String operator, int a, int b, int expected) throws ServiceCallException {
        byte[] result = new byte[4];
        int status = caller.call(routine, dword(a), dword(b), pointer(result));
        int value = ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).getInt();
        out.printf("%d %s %d = %d%n", a, operator, b, value);
        if (status != 0 || value != expected) {
            throw new IllegalStateException(routine + "(" + a + ", " + b + ") gave " + value + " with service status "
                    + Status.describe(status) + ", expected " + expected);
        }
    }

    private void queryProcesses() throws ServiceCallException {
        byte[] length = new byte[4];
        int status = caller.call(DemoRoutines.QUERY, dword(DemoRoutines.SYSTEM_PROCESS_INFORMATION), nullPointer(),
                dword(0), nullablePointer(length));
        int needed = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
        out.printf("QuerySystemInformation(SystemProcessInformation, NULL, 0) -> service status %s, needs %d bytes%n",
                Status.describe(status), needed);
        if (status != DemoRoutines.STATUS_INFO_LENGTH_MISMATCH || needed <= 4) {
            throw new IllegalStateException("the first query should ask for a buffer, got " + Status.describe(status));
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] buffer = new byte[needed + needed / 4];
            status = caller.call(DemoRoutines.QUERY, dword(DemoRoutines.SYSTEM_PROCESS_INFORMATION),
                    nullablePointer(buffer), dword(buffer.length), nullablePointer(length));
            needed = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (status == 0) {
                summarise(ProcessSnapshot.decode(buffer, needed), needed);
                return;
            }
            if (status != DemoRoutines.STATUS_INFO_LENGTH_MISMATCH) {
                break;
            }
        }
        throw new IllegalStateException("QuerySystemInformation failed: " + Status.describe(status));
    }

    private void summarise(ProcessSnapshot snapshot, int bytes) {
        out.printf("QuerySystemInformation(SystemProcessInformation, buffer) -> %d processes in %d bytes%n",
                snapshot.entries().size(), bytes);
        boolean seesMe = snapshot.entries().stream().anyMatch(entry -> entry.pid() == ProcessHandle.current().pid());
        out.printf("  the list %s this client (pid %d)%n", seesMe ? "includes" : "does not include",
                ProcessHandle.current().pid());
        snapshot.entries().stream().sorted(Comparator.comparingLong(ProcessSnapshot.Entry::cpuMillis).reversed()).limit(5)
                .forEach(entry -> out.printf("  pid %-8d cpu %8d ms  %s%n", entry.pid(), entry.cpuMillis(), entry.name()));
        if (snapshot.entries().isEmpty()) {
            throw new IllegalStateException("the service reported no processes at all");
        }
    }
}

package dev.servicecall.reliability;

import dev.servicecall.api.Parameter;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallException;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.spi.NtStatus;
import dev.servicecall.spi.TransportProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A client process that makes one call on request, to be killed during it.
 *
 * <p>Arguments: {@code --parent PID PROVIDER_CLASS [key=value ...]}. Opens a session, prints
 * {@code READY <pid>}, then obeys {@code call NAME SIZE}: prints {@code CALLING} and calls
 * {@code NAME} with one pointer parameter of {@code SIZE} bytes on another thread, printing
 * {@code RETURNED <status>} or {@code FAILED <status>} when the call ends. Exits at the end of
 * input or when the parent process ends.
 */
public final class ClientMain {
    private ClientMain() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ProcessHandle.of(Long.parseLong(args[1])).ifPresentOrElse(
                process -> process.onExit().thenRun(() -> Runtime.getRuntime().halt(3)), () -> Runtime.getRuntime().halt(3));
        TransportProvider provider = (TransportProvider) Class.forName(args[2]).getConstructor().newInstance();
        try (ServiceCallSession session = ServiceCall.open(provider, Settings.parse(args, 3))) {
            out.println("READY " + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" +");
                if (words[0].equals("call")) {
                    byte[] buffer = new byte[Integer.parseInt(words[2])];
                    Thread caller = new Thread(() -> {
                        try {
                            out.println("RETURNED " + NtStatus.hex(session.call(words[1], Parameter.pointer(buffer))));
                        } catch (ServiceCallException e) {
                            out.println("FAILED " + NtStatus.hex(e.status()) + " " + e.getMessage());
                        }
                    }, "caller");
                    caller.start();
                    out.println("CALLING");
                }
            }
        }
        System.exit(0);
    }
}

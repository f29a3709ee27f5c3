package dev.servicecall.interop;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * A service process on the transport named by its first argument ({@code jna} or {@code jnr}),
 * with {@code -Dservicecall.namespace} set by the test: registers {@code ServerPlusInt} (DWORD,
 * DWORD, POINTER out: the sum), prints
 * {@code READY <transport name>}, prints {@code CALLER <pid>} per call, and exits when its
 * standard input ends.
 */
public final class InteropServiceMain {
    static final Signature PLUS = Signature.of(DWORD, DWORD, POINTER);

    public static void main(String[] args) throws Exception {
        try (ServiceCallSession host = ServiceCall.open(args[0])) {
            host.initialize();
            host.register("ServerPlusInt", PLUS, call -> {
                System.out.println("CALLER " + ClientId.current().orElseThrow().pid());
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            System.out.println("READY " + host.transportName());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            while (in.readLine() != null) {
                // serve until the test closes our input
            }
        }
    }

    private InteropServiceMain() {
    }
}

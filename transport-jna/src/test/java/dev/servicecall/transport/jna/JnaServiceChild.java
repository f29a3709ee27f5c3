package dev.servicecall.transport.jna;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.TransportConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A service process for the end-to-end tests. Usage: {@code NAMESPACE}. Registers
 * {@code ServerPlusInt} (DWORD, DWORD, POINTER out) and {@code Block} (DWORD, POINTER), which
 * prints {@code ENTERED <caller pid>} and never returns; prints {@code READY <pid>}; exits when its
 * standard input ends.
 */
public final class JnaServiceChild {
    static final Signature PLUS = Signature.of(DWORD, DWORD, POINTER);
    static final Signature BLOCK = Signature.of(DWORD, POINTER);

    private JnaServiceChild() {
    }

    public static void main(String[] args) throws Exception {
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, args[0]);
        try (ServiceCallSession session = ServiceCall.open(new JnaTransportProvider(), config)) {
            session.initialize();
            session.register("ServerPlusInt", PLUS, call -> {
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            session.register("Block", BLOCK, call -> {
                System.out.println("ENTERED " + ClientId.current().orElseThrow().pid());
                System.out.flush();
                Object never = new Object();
                synchronized (never) {
                    while (true) {
                        never.wait();
                    }
                }
            });
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // wait for the end of input
                }
            }
        }
    }
}

package dev.servicecall.transport.jnr;

import static dev.servicecall.api.ParameterMask.DWORD;
import static dev.servicecall.api.ParameterMask.POINTER;

import dev.servicecall.api.ClientId;
import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import dev.servicecall.api.Signature;
import dev.servicecall.spi.TransportConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.CountDownLatch;

/**
 * A service process on the JNR transport, for the end-to-end tests. Argument: the name-space
 * directory. Registers {@code ServerPlusInt} (DWORD, DWORD, POINTER out), {@code Block} (DWORD,
 * POINTER: prints {@code ENTERED <caller pid>} and never returns) and {@code Invert} (POINTER:
 * inverts every byte), prints {@code READY <pid>}, and exits when its standard input ends.
 */
public final class JnrServiceChild {
    static final Signature PLUS = Signature.of(DWORD, DWORD, POINTER);
    static final Signature BLOCK = Signature.of(DWORD, POINTER);
    static final Signature INVERT = Signature.of(POINTER);

    public static void main(String[] args) throws Exception {
        TransportConfig config = TransportConfig.empty().with(TransportConfig.NAMESPACE, args[0]);
        try (ServiceCallSession host = ServiceCall.open(new JnrTransportProvider(), config)) {
            host.initialize();
            host.register("ServerPlusInt", PLUS, call -> {
                call.buffer(2).putInt(0, call.dword(0) + call.dword(1));
                return 0;
            });
            CountDownLatch never = new CountDownLatch(1);
            host.register("Block", BLOCK, call -> {
                System.out.println("ENTERED " + ClientId.current().orElseThrow().pid());
                never.await();
                return 0;
            });
            host.register("Invert", INVERT, call -> {
                var buffer = call.buffer(0);
                for (int i = 0; i < buffer.limit(); i++) {
                    buffer.put(i, (byte) ~buffer.get(i));
                }
                return 0x1234;
            });
            System.out.println("READY " + ProcessHandle.current().pid());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            while (in.readLine() != null) {
                // serve until the test closes our input
            }
        }
    }

    private JnrServiceChild() {
    }
}

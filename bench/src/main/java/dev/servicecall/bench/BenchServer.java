package dev.servicecall.bench;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The service process of one row, started by the harness with the benchmark's own class path:
 * <ul>
 *   <li>{@code servicecall TRANSPORT}: opens that ServiceCall transport (settings from
 *       {@code -Dservicecall.*}, the name space included) and registers {@link BenchRoutines};</li>
 *   <li>{@code nio SOCKET_PATH}: the {@link NioPingPongServer} baseline;</li>
 *   <li>{@code rmi}: the {@link RmiEchoServer} baseline on an ephemeral loopback port.</li>
 * </ul>
 * Then it prints one line {@code READY <pid> <endpoint>} (the endpoint is the socket path, the
 * registry port, or the transport name) and serves until its standard input ends, or it is
 * killed. Failures are printed as {@code FAILED <message>} and exit with status 1.
 */
public final class BenchServer {
    /** The first word of the line that says the service is ready. */
    public static final String READY = "READY";

    private BenchServer() {
    }

    /** Runs one service; see the class doc for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.out.println("FAILED usage: BenchServer servicecall TRANSPORT | nio SOCKET_PATH | rmi");
            System.exit(1);
        }
        try {
            switch (args[0]) {
                case "servicecall":
                    serveServiceCall(argument(args, 1, "TRANSPORT"));
                    break;
                case "nio":
                    try (NioPingPongServer server = NioPingPongServer.start(Path.of(argument(args, 1, "SOCKET_PATH")))) {
                        ready(server.path().toString());
                        awaitEndOfInput();
                    }
                    break;
                case "rmi":
                    System.setProperty("java.rmi.server.hostname", "127.0.0.1");
                    try (RmiEchoServer server = RmiEchoServer.start()) {
                        ready(Integer.toString(server.registryPort()));
                        awaitEndOfInput();
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown service kind '" + args[0] + "'");
            }
        } catch (Exception | Error e) {
            System.out.println("FAILED " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void serveServiceCall(String transport) throws Exception {
        try (ServiceCallSession session = ServiceCall.open(transport)) {
            session.initialize();
            BenchRoutines.registerAll(session);
            ready(session.transportName());
            awaitEndOfInput();
        }
    }

    private static String argument(String[] args, int index, String name) {
        if (args.length <= index) {
            throw new IllegalArgumentException(args[0] + " needs " + name);
        }
        return args[index];
    }

    private static void ready(String endpoint) {
        System.out.println(READY + " " + ProcessHandle.current().pid() + " " + endpoint);
        System.out.flush();
    }

    private static void awaitEndOfInput() throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (stdin.readLine() != null) {
            // Any line keeps it alive; end of input stops the service.
        }
    }
}

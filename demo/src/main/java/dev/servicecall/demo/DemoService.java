package dev.servicecall.demo;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The service process of the demo: registers the {@link DemoRoutines}, prints
 * {@code READY <pid> <transport>} and serves until its standard input ends (or it is killed).
 */
public final class DemoService {
    private DemoService() {
    }

    /** Runs the service; the transport is chosen as {@link ServiceCall#open()} does. */
    public static void main(String[] args) throws Exception {
        try (ServiceCallSession session = ServiceCall.open()) {
            session.initialize();
            new DemoRoutines(System.out).registerAll(session);
            System.out.println("READY " + ProcessHandle.current().pid() + " " + session.transportName());
            System.out.flush();
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (stdin.readLine() != null) {
                // Any line keeps it alive; end of input stops the service.
            }
        }
        System.out.println("[service] stopped");
    }
}

package dev.servicecall.demo;

import dev.servicecall.api.ServiceCall;
import dev.servicecall.api.ServiceCallSession;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main job: starts {@link DemoService} in a second JVM, then acts as the client process
 * ({@link DemoClient}). Exits 0 when every answer was right and the service saw this process's pid
 * as the caller; 1 otherwise.
 *
 * <p>The transport is chosen as usual ({@code -Dservicecall.transport=NAME} is passed on to the
 * service); the in-memory transport cannot work here, since it does not cross processes.
 */
public final class TwoProcessDemo {
    private static final long READY_TIMEOUT_SECONDS = 60;

    private TwoProcessDemo() {
    }

    /** Runs the demo. */
    public static void main(String[] args) throws Exception {
        System.exit(run() ? 0 : 1);
    }

    static boolean run() throws Exception {
        long myPid = ProcessHandle.current().pid();
        System.out.println("[client] pid " + myPid + ", starting the service process");
        Process service = startService();
        List<String> serviceLines = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread relay = new Thread(() -> relay(service, serviceLines, ready), "demo-service-output");
        relay.setDaemon(true);
        relay.start();
        try {
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                System.out.println("[client] FAILED: the service did not report READY within " + READY_TIMEOUT_SECONDS + " s"
                        + (service.isAlive() ? "" : " (it exited with " + service.exitValue() + ")"));
                return false;
            }
            try (ServiceCallSession client = ServiceCall.open()) {
                System.out.println("[client] calling through transport '" + client.transportName() + "'");
                new DemoClient(client, System.out).run();
            }
            boolean seen = serviceLines.stream().anyMatch(line -> line.contains("client pid " + myPid));
            System.out.println(seen ? "[client] the service saw this client's pid " + myPid
                    : "[client] FAILED: the service never reported this client's pid " + myPid);
            return seen;
        } catch (Exception e) {
            System.out.println("[client] FAILED: " + e);
            return false;
        } finally {
            service.getOutputStream().close();
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
            relay.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private static Process startService() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java"));
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith("servicecall.")) {
                command.add("-D" + key + "=" + value);
            }
        });
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DemoService.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void relay(Process service, List<String> lines, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("READY ")) {
                    System.out.println("[service] ready: pid " + line.substring(6));
                    ready.countDown();
                } else {
                    System.out.println(line.startsWith("[service]") ? line : "[service] " + line);
                }
            }
        } catch (Exception e) {
            System.out.println("[client] lost the service's output: " + e);
        }
    }
}

package dev.servicecall.reliability;

import dev.servicecall.reliability.NativeTransports.NativeTransport;
import dev.servicecall.spi.TransportConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServiceMain} child process: the service side of a reliability test in its own JVM.
 * Every exchange is bounded; a reply other than {@code OK} fails the test with the child's
 * output and log. One thread at a time.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EXCHANGE = Duration.ofSeconds(30);
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final ChildJvm child;
    private final long pid;

    private ServiceProcess(ChildJvm child, long pid) {
        this.child = child;
        this.pid = pid;
    }

    /** Starts a service process for {@code transport} with {@code config} and waits until it is ready. */
    static ServiceProcess start(NativeTransport transport, TransportConfig config, Path workDir)
            throws IOException, InterruptedException {
        Path log = workDir.resolve("service-" + STARTED.incrementAndGet() + ".log");
        ChildJvm child = new ChildJvm.Spec(ServiceMain.class)
                .args("--parent", Long.toString(ProcessHandle.current().pid()), transport.providerClass())
                .args(Settings.asArguments(config))
                .start(log);
        try {
            long pid = Long.parseLong(child.awaitLine("READY", START));
            return new ServiceProcess(child, pid);
        } catch (AssertionError | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    long pid() {
        return pid;
    }

    Process process() {
        return child.process();
    }

    /** Sends a command and returns what follows {@code OK}; fails on {@code ERR} or silence. */
    String command(String line) throws IOException, InterruptedException {
        return command(line, EXCHANGE);
    }

    String command(String line, Duration timeout) throws IOException, InterruptedException {
        child.send(line);
        String reply = child.nextLine(timeout);
        if (!reply.startsWith("OK")) {
            throw new AssertionError("the service process answered '" + line + "' with: " + reply + child.diagnostics());
        }
        return reply.substring(2).trim();
    }

    void register(String name, String routine) throws IOException, InterruptedException {
        command("register " + name + " " + routine);
    }

    /** Waits until {@code count} calls of {@code name} entered their routine. */
    void awaitEntered(String name, int count, Duration timeout) throws IOException, InterruptedException {
        command("await-entered " + name + " " + count + " " + timeout.toMillis(), timeout.plus(EXCHANGE));
    }

    /** The heap in use after garbage collection, in bytes. */
    long heapAfterGc() throws IOException, InterruptedException {
        String reply = command("stats");
        return Long.parseLong(reply.substring(reply.indexOf("heap=") + 5, reply.indexOf(' ')));
    }

    /** Kills the process with SIGKILL and waits until it is gone. */
    void kill() throws InterruptedException {
        child.kill();
    }

    String diagnostics() {
        return child.diagnostics();
    }

    @Override
    public void close() {
        child.close();
    }
}

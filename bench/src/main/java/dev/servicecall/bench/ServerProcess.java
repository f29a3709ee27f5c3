package dev.servicecall.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link BenchServer} child process: started with this JVM's class path, ready once it printed
 * its {@code READY} line, its output copied to a log file. Every process still alive when this
 * JVM exits (normally or not) is killed by a shutdown hook, so a failed run leaves nothing behind.
 *
 * <p>Not thread-safe, except {@link #close()}, which may be called from any thread, more than once.
 */
final class ServerProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final long STOP_GRACE_SECONDS = 5;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::killAll, "bench-server-reaper"));
    }

    private final Process process;
    private final String endpoint;

    private ServerProcess(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts {@code BenchServer arguments...} and waits for it to be ready.
     *
     * @param jvmArguments options for the child JVM (heap, {@code -D} settings)
     * @param log where the child's output goes
     * @param readyTimeoutSeconds how long to wait for {@code READY}
     * @throws IOException when it cannot start, fails, or is not ready in time (it is then killed;
     *     the message includes the end of its output)
     */
    static ServerProcess start(List<String> jvmArguments, List<String> arguments, Path log, long readyTimeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArguments);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchServer.class.getName());
        command.addAll(arguments);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        LIVE.add(process);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread relay = new Thread(() -> relay(process, log, ready), "bench-server-output-" + process.pid());
        relay.setDaemon(true);
        relay.start();
        ServerProcess server;
        try {
            String endpoint = ready.get(readyTimeoutSeconds, TimeUnit.SECONDS);
            server = new ServerProcess(process, endpoint);
        } catch (TimeoutException e) {
            kill(process);
            throw new IOException("service " + arguments + " was not ready within " + readyTimeoutSeconds + " s; its output: "
                    + tail(log), e);
        } catch (ExecutionException e) {
            kill(process);
            throw new IOException("service " + arguments + " failed: " + e.getCause().getMessage() + "; its output: "
                    + tail(log), e.getCause());
        }
        return server;
    }

    /** What the service reported after {@code READY <pid>}: its socket path, port or transport. */
    String endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    /** Closes the service's input (it stops by itself), then kills it if it has not exited in a few seconds. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // It is going away anyway.
        }
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    /** Kills the service at once (the row watchdog uses this when a row runs far over its time). */
    void kill() {
        kill(process);
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.destroyForcibly();
        }
    }

    private static void relay(Process process, Path log, CompletableFuture<String> ready) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = output.readLine()) != null) {
                file.println(line);
                if (!ready.isDone()) {
                    if (line.startsWith(BenchServer.READY + " ")) {
                        String[] words = line.split(" ", 3);
                        ready.complete(words.length == 3 ? words[2] : "");
                    } else if (line.startsWith("FAILED ")) {
                        ready.completeExceptionally(new IOException(line.substring(7)));
                    }
                }
            }
            ready.completeExceptionally(new IOException("the service exited before it was ready"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The {@code java} of the running JVM. */
    static String javaExecutable() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}

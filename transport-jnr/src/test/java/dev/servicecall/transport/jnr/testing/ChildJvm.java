package dev.servicecall.transport.jnr.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a main class from the test class path, talking by lines: the test reads
 * what it prints ({@link #awaitLine}, always with a timeout) and writes to its standard input.
 * {@link #close()} kills it (SIGKILL) if it is still alive, so no test leaves a process behind.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    private final StringBuilder transcript = new StringBuilder();

    private ChildJvm(Process process) {
        this.process = process;
        Thread pump = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM with this JVM's class path. */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xshare:auto");
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (transcript) {
                    transcript.append(line).append('\n');
                }
                lines.put(line);
            }
        } catch (IOException | InterruptedException ignored) {
            // the child is gone
        } finally {
            lines.offer(EOF);
        }
    }

    /** The child process. */
    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits for a line starting with {@code prefix}, skipping others.
     *
     * @return the line
     * @throws AssertionError with the child's output so far when it does not come in time
     */
    public String awaitLine(String prefix, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null || line.equals(EOF)) {
                if (line != null) {
                    lines.offer(EOF);
                }
                throw new AssertionError("child " + pid() + " did not print '" + prefix + "' within " + timeout + " "
                        + unit + (line == null ? "" : " (it exited)") + "; output:\n" + transcript());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Sends one line to the child's standard input. */
    public void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Kills the child with SIGKILL and waits (bounded) until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + pid() + " survived SIGKILL for 10 s");
        }
    }

    /** Waits (bounded) for the child to exit by itself and returns its exit code. */
    public int awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        if (!process.waitFor(timeout, unit)) {
            throw new AssertionError("child " + pid() + " still running after " + timeout + " " + unit
                    + "; output:\n" + transcript());
        }
        return process.exitValue();
    }

    public String transcript() {
        synchronized (transcript) {
            return transcript.toString();
        }
    }

    /** Kills the child if it is still alive; an interrupt is kept for the caller to see. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}

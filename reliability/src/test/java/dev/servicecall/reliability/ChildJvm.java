package dev.servicecall.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of this module's {@code main} classes, started cheaply (C1 only, serial
 * GC, no perf-data file, class data sharing), whose standard output is read line by line with
 * timeouts and whose standard error goes to a log file quoted in failure messages. Closing it
 * kills it (SIGKILL) and waits, so no test leaves a process behind.
 *
 * <p>Methods other than {@link #send} are thread-safe; {@link #send} is called by one thread at a time.
 */
final class ChildJvm implements AutoCloseable {
    private static final String END_OF_OUTPUT = "\u0000end";

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::pump, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** How to start a child. */
    static final class Spec {
        private final Class<?> mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> prefix = new ArrayList<>();
        private String classPath = System.getProperty("java.class.path");
        private Path workingDirectory;
        private final Map<String, String> environment = new HashMap<>();

        Spec(Class<?> mainClass) {
            this.mainClass = mainClass;
        }

        Spec args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        Spec args(List<String> values) {
            args.addAll(values);
            return this;
        }

        Spec jvmOptions(String... values) {
            jvmOptions.addAll(List.of(values));
            return this;
        }

        /** A command the JVM runs under, e.g. {@code setpriv --reuid=nobody ...}. */
        Spec runAs(List<String> command) {
            prefix.addAll(command);
            return this;
        }

        Spec classPath(String value) {
            classPath = value;
            return this;
        }

        Spec workingDirectory(Path value) {
            workingDirectory = value;
            return this;
        }

        /** Sets an environment variable of the child. */
        Spec environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Starts the child; standard error goes to {@code log}. */
        ChildJvm start(Path log) throws IOException {
            List<String> command = new ArrayList<>(prefix);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto",
                    "-XX:-UseDynamicNumberOfCompilerThreads", "-Xss512k"));
            if (Runtime.version().feature() >= 22) {
                command.add("--enable-native-access=ALL-UNNAMED");
            }
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass.getName());
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            builder.environment().putAll(environment);
            return new ChildJvm(builder.start(), log);
        }
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /**
     * Waits for the next line starting with {@code prefix} (earlier lines are kept for the failure
     * message) and returns the rest of it, trimmed.
     *
     * @throws AssertionError when the child ends or the timeout passes first
     */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(deadline, "a line starting with '" + prefix + "'");
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    /**
     * Waits for the next line.
     *
     * @throws AssertionError when the child ends or the timeout passes first
     */
    String nextLine(Duration timeout) throws InterruptedException {
        return nextLine(System.nanoTime() + timeout.toNanos(), "a line");
    }

    private String nextLine(long deadline, String expected) throws InterruptedException {
        long left = deadline - System.nanoTime();
        String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
            throw new AssertionError("child " + pid() + " printed no " + expected + " in time" + diagnostics());
        }
        if (line.equals(END_OF_OUTPUT)) {
            lines.add(END_OF_OUTPUT);
            throw new AssertionError("child " + pid() + " ended before printing " + expected + diagnostics());
        }
        seen.add(line);
        return line;
    }

    /** Sends one line to the child's standard input. */
    void send(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Kills the child with SIGKILL and waits (bounded) until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + pid() + " survived SIGKILL for 10 s");
        }
    }

    /** What the child printed and logged, for failure messages. */
    String diagnostics() {
        StringBuilder text = new StringBuilder("\n  child ").append(pid()).append(' ')
                .append(process.isAlive() ? "alive" : "exited with " + process.exitValue());
        synchronized (seen) {
            seen.stream().skip(Math.max(0, seen.size() - 20)).forEach(line -> text.append("\n  stdout: ").append(line));
        }
        try {
            List<String> logged = Files.readAllLines(log, StandardCharsets.UTF_8);
            logged.stream().skip(Math.max(0, logged.size() - 30)).forEach(line -> text.append("\n  stderr: ").append(line));
        } catch (IOException | RuntimeException e) {
            text.append("\n  (no stderr log: ").append(e).append(')');
        }
        return text.toString();
    }

    /** Kills the child if it is still alive and waits (bounded) until it is gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
    }
}

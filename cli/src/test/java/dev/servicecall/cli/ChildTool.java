package dev.servicecall.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code servicecall} ({@link Main}) in a child JVM on this test's class path. Its standard output
 * and error go to a file, read line by line as it grows: reading a pipe of a process that is
 * exiting can lose its last lines ("Stream closed"), and the last lines ("stopped: ...") matter
 * here. {@link #close()} always ends it (SIGKILL when still alive).
 */
final class ChildTool implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(30);

    private static final long POLL_MILLIS = 20;

    private final Process process;
    private final Path output;
    private final List<String> seen = new ArrayList<>();
    private long offset;
    private final StringBuilder partial = new StringBuilder();
    private final ArrayDeque<String> unread = new ArrayDeque<>();

    private ChildTool(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code servicecall ARGS...} in a fresh JVM. */
    static ChildTool start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path output = Files.createTempFile("servicecall-child-", ".out");
        output.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new ChildTool(process, output);
    }

    long pid() {
        return process.pid();
    }

    /** Moves the complete lines written since the last read to {@link #unread}. */
    private void readNewLines() throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(output)) {
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            int n;
            while ((n = channel.read(buffer)) > 0) {
                offset += n;
                partial.append(new String(buffer.array(), 0, n, StandardCharsets.UTF_8));
                buffer.clear();
            }
        }
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            unread.add(partial.substring(0, newline));
            partial.delete(0, newline + 1);
        }
    }

    /**
     * Waits for the next line starting with {@code prefix} and returns it whole, polling the
     * output file until the timeout.
     *
     * @throws AssertionError when the child ends or the timeout passes first (with what it printed)
     */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            readNewLines();
            while (!unread.isEmpty()) {
                String line = unread.poll();
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                readNewLines();
                if (unread.isEmpty()) {
                    throw new AssertionError("child " + pid() + " ended (exit " + process.exitValue()
                            + ") before printing '" + prefix + "'; it printed " + seen + partial);
                }
                continue;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("child " + pid() + " printed no line starting with '" + prefix + "' within "
                        + timeout + "; it printed " + seen);
            }
            Thread.sleep(POLL_MILLIS); // polling another process's output, bounded by the deadline
        }
    }

    /** The lines not yet read, once the child has exited (call after {@link #terminate} or {@link #kill}). */
    List<String> remainingLines() throws IOException {
        readNewLines();
        List<String> rest = new ArrayList<>(unread);
        unread.clear();
        if (partial.length() > 0) {
            rest.add(partial.toString());
            partial.setLength(0);
        }
        seen.addAll(rest);
        return rest;
    }

    /** Sends SIGTERM (as Ctrl-C would SIGINT) and waits for the exit. @return the exit code */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + pid() + " did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL, then waits (bounded) until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + pid() + " survived SIGKILL for 10 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temp file; deleteOnExit is the fallback
        }
    }
}

package dev.servicecall.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The open file descriptors and threads of a Linux process, read from {@code /proc/<pid>}, and a
 * bounded wait for them to return to a baseline. Stateless; thread-safe.
 */
final class ProcessResources {
    private ProcessResources() {
    }

    /** What a process holds at one moment. */
    record Snapshot(int fileDescriptors, int threads) {
        @Override
        public String toString() {
            return fileDescriptors + " fds, " + threads + " threads";
        }
    }

    /** Whether {@code /proc} can tell (Linux). */
    static boolean supported() {
        return Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** The snapshot of process {@code pid}. When it is this process, the descriptor used to list {@code /proc/self/fd} is counted too (always one). */
    static Snapshot of(long pid) {
        return new Snapshot(fileDescriptors(pid), threads(pid));
    }

    static int fileDescriptors(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the descriptors of process " + pid, e);
        }
    }

    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            throw new IllegalStateException("no Threads: line in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + pid, e);
        }
    }

    /** What each descriptor of {@code pid} points to, for failure messages. */
    static List<String> describeFileDescriptors(long pid) {
        List<String> described = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    described.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    described.add(fd.getFileName() + " -> ?");
                }
            }
        } catch (IOException e) {
            described.add("(cannot list: " + e + ")");
        }
        return described;
    }

    /**
     * Waits until process {@code pid} holds exactly {@code baseline}, polling every millisecond.
     *
     * @return how long it took
     * @throws AssertionError naming what it still held when {@code timeout} passed
     */
    static Duration awaitBaseline(long pid, Snapshot baseline, Duration timeout, String what) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Snapshot now = of(pid);
        while (!now.equals(baseline)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": process " + pid + " holds " + now + " " + timeout.toMillis()
                        + " ms later, its baseline is " + baseline + "; descriptors: " + describeFileDescriptors(pid));
            }
            Thread.sleep(1);
            now = of(pid);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

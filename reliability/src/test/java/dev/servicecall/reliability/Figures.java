package dev.servicecall.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures one reliability test measured (trials, times, resources before and after),
 * printed to standard output and written to {@code <servicecall.figures.dir>/<test>-<transport>.txt}
 * ({@code reliability/target/reliability-figures} in a Maven build), where
 * {@code docs/reliability.md} and {@code soak.sh} take them from. Not thread-safe.
 */
final class Figures {
    private final String test;
    private final String transport;
    private final Map<String, String> values = new LinkedHashMap<>();

    Figures(String test, String transport) {
        this.test = test;
        this.transport = transport;
    }

    Figures put(String name, Object value) {
        values.put(name, String.valueOf(value));
        return this;
    }

    Figures put(String name, Duration value) {
        return put(name, millis(value));
    }

    static String millis(Duration duration) {
        return String.format("%.1f ms", duration.toNanos() / 1e6);
    }

    /** The median and maximum of {@code durations}, as text. */
    static String medianAndMax(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        return "median " + millis(sorted.get(sorted.size() / 2)) + ", max " + millis(sorted.get(sorted.size() - 1));
    }

    /** Prints the figures and writes them to the figures directory. */
    void publish() {
        StringBuilder text = new StringBuilder("# ").append(test).append(" over ").append(transport).append(", ")
                .append(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append(", Java ")
                .append(Runtime.version().feature()).append('\n');
        values.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        System.out.print(text);
        String directory = System.getProperty("servicecall.figures.dir");
        if (directory != null) {
            try {
                Path file = Path.of(directory, test + "-" + transport + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

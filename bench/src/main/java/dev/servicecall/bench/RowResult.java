package dev.servicecall.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What one row measured: a value per {@link Metric} (missing where a benchmark failed) and the
 * problems met. Mutable while the row runs, on the harness thread only.
 */
final class RowResult {
    private final Row row;
    private final Map<Metric, Double> values = new EnumMap<>(Metric.class);
    private final Map<Metric, List<Double>> perFork = new EnumMap<>(Metric.class);
    private final List<String> problems = new ArrayList<>();

    RowResult(Row row) {
        this.row = row;
    }

    Row row() {
        return row;
    }

    /** Records a value; NaN and infinities are ignored (JMH reports NaN for what it could not measure). */
    RowResult put(Metric metric, double value) {
        if (Double.isFinite(value)) {
            values.put(metric, value);
        }
        return this;
    }

    /**
     * Records one figure per JMH fork; the value is their median, so one fork disturbed by a
     * neighbour on a shared machine does not move it. Non-finite figures are ignored.
     */
    RowResult putForks(Metric metric, List<Double> figures) {
        List<Double> finite = figures.stream().filter(Double::isFinite).sorted().toList();
        if (!finite.isEmpty()) {
            perFork.put(metric, finite);
            put(metric, median(finite));
        }
        return this;
    }

    /** The per-fork figures behind {@code metric}, sorted; empty when it was not recorded per fork. */
    List<Double> forks(Metric metric) {
        return perFork.getOrDefault(metric, List.of());
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The value of {@code metric}, if it was measured. */
    OptionalDouble get(Metric metric) {
        Double value = values.get(metric);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Notes a problem (a failed benchmark, a service that did not start). */
    RowResult problem(String text) {
        problems.add(text);
        return this;
    }

    List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}

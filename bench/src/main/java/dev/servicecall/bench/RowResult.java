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

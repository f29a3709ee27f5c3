package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    static RowResult measured(Row row, double nullP50, double largeP50) {
        return new RowResult(row).put(Metric.NULL_P50, nullP50).put(Metric.NULL_P99, nullP50 * 3)
                .put(Metric.LARGE_P50, largeP50).put(Metric.CALLS_1_THREAD, 1e6 / nullP50)
                .put(Metric.ALLOC_NULL, 16);
    }

    @Test
    void ratios_areTheRowMedianOverTheBaselineMedianOfTheSameRun() {
        ResultTable table = new ResultTable(List.of(measured(Row.nio(), 20, 400), measured(Row.rmi(), 40, 2000),
                measured(Row.transport("jna"), 25, 300)));
        RowResult jna = table.row("jna").orElseThrow();
        assertEquals(1.25, table.ratio(jna, Metric.NULL_P50, Row.NIO).getAsDouble(), 1e-9);
        assertEquals(0.625, table.ratio(jna, Metric.NULL_P50, Row.RMI).getAsDouble(), 1e-9);
        assertEquals(0.15, table.ratio(jna, Metric.LARGE_P50, Row.RMI).getAsDouble(), 1e-9);
        List<String> jnaCells = table.cells().get(2);
        List<String> headers = table.headers();
        assertEquals("1.25x", jnaCells.get(headers.indexOf("null ÷ NIO")));
        assertEquals("0.63x", jnaCells.get(headers.indexOf("null ÷ RMI")));
        assertEquals("0.75x", jnaCells.get(headers.indexOf("1 MiB ÷ NIO")));
        assertEquals("own process", jnaCells.get(1));
    }

    @Test
    void missingValues_andMissingBaselines_showADash() {
        ResultTable table = new ResultTable(List.of(new RowResult(Row.inProcessTransport("inmemory"))
                .put(Metric.NULL_P50, 9).put(Metric.NULL_P99, Double.NaN)));
        List<String> headers = table.headers();
        List<String> cells = table.cells().get(0);
        assertEquals("same process", cells.get(1));
        assertEquals("9.00", cells.get(headers.indexOf("null p50 µs")));
        assertEquals("—", cells.get(headers.indexOf("null p99 µs")));
        assertEquals("—", cells.get(headers.indexOf("null ÷ NIO")));
    }

    @Test
    void perForkFigures_giveTheirMedian_ignoringWhatIsNotANumber() {
        RowResult odd = new RowResult(Row.nio()).putForks(Metric.NULL_P50, List.of(34.0, Double.NaN, 12.6, 12.7));
        assertEquals(12.7, odd.get(Metric.NULL_P50).getAsDouble());
        assertEquals(List.of(12.6, 12.7, 34.0), odd.forks(Metric.NULL_P50));
        RowResult even = new RowResult(Row.nio()).putForks(Metric.CALLS_1_THREAD, List.of(90.0, 70.0));
        assertEquals(80.0, even.get(Metric.CALLS_1_THREAD).getAsDouble());
        assertTrue(new RowResult(Row.nio()).putForks(Metric.NULL_P99, List.of(Double.NaN)).get(Metric.NULL_P99).isEmpty());
    }

    @Test
    void numbers_keepThreeSignificantDigitsForTimes_andWholeNumbersForCounts() {
        assertEquals("3.14", ResultTable.format(Metric.NULL_P50, OptionalDouble.of(3.14159)));
        assertEquals("31.4", ResultTable.format(Metric.NULL_P50, OptionalDouble.of(31.4159)));
        assertEquals("314", ResultTable.format(Metric.NULL_P50, OptionalDouble.of(314.159)));
        assertEquals("2,960", ResultTable.format(Metric.LARGE_P50, OptionalDouble.of(2960.4)));
        assertEquals("51,234", ResultTable.format(Metric.CALLS_2_THREADS, OptionalDouble.of(51234.4)));
        assertEquals("0", ResultTable.format(Metric.ALLOC_NULL, OptionalDouble.of(0.2)));
        assertEquals("—", ResultTable.format(Metric.ALLOC_NULL, OptionalDouble.empty()));
    }

    @Test
    void markdown_hasOneHeaderAlignmentAndLinePerRow_withTheSameColumnCount() {
        ResultTable table = new ResultTable(List.of(measured(Row.nio(), 20, 400), measured(Row.rmi(), 40, 2000)));
        List<String> lines = table.toMarkdown().lines().toList();
        assertEquals(4, lines.size());
        int columns = table.headers().size();
        for (String line : lines) {
            assertEquals(columns + 1, line.chars().filter(c -> c == '|').count(), line);
        }
        assertTrue(lines.get(1).startsWith("|---|---|---:|"), lines.get(1));
        assertTrue(lines.get(2).startsWith("| NIO UDS (JDK) | own process | 20.0 | 60.0 |"), lines.get(2));
    }

    @Test
    void text_alignsEveryColumn() {
        ResultTable table = new ResultTable(List.of(measured(Row.nio(), 20, 400), measured(Row.transport("jna"), 2.5, 30000)));
        List<String> lines = table.toText().lines().toList();
        assertEquals(4, lines.size());
        int[] bars = lines.get(0).chars().filter(c -> c == '|' || c == '+').toArray();
        for (String line : lines) {
            assertEquals(lines.get(0).length(), line.length(), "every line has the same width");
        }
        assertEquals(table.headers().size() - 1, bars.length);
        assertFalse(lines.get(3).contains("  |  "), "no column wider than needed: " + lines.get(3));
    }
}

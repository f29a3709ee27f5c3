package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Report report(List<RowResult> results) {
        return new Report(BenchMode.FULL, "./bench.sh full", new MachineInfo(2, "AMD EPYC", "JDK 17", "Linux"),
                "2026-01-01T00:00:00Z", "1.00 1.00 1.00", "2.00 1.50 1.00", 11.5, new ResultTable(results),
                List.of("jnr: no row, the transport is not on the class path"));
    }

    @Test
    void markdown_saysWhereHowAndUnderWhichLoadItRan_thenTableNotesAndTargets() {
        Report report = report(List.of(ResultTableTest.measured(Row.nio(), 20, 400),
                ResultTableTest.measured(Row.transport("jna"), 22, 450)));
        String markdown = report.toMarkdown();
        assertTrue(markdown.contains("- command: `./bench.sh full`"), markdown);
        assertTrue(markdown.contains("- machine: 2 processors, AMD EPYC"), markdown);
        assertTrue(markdown.contains("before: 1.00 1.00 1.00, after: 2.00 1.50 1.00"), markdown);
        assertTrue(markdown.contains("latency 3 fork(s), throughput 3 fork(s); 3 x 1 s warm-up, 5 x 1 s measured"), markdown);
        assertTrue(markdown.contains("| jna | own process | 22.0 |"), markdown);
        assertTrue(markdown.contains("- note: jnr: no row"), markdown);
        assertTrue(markdown.contains("- **met**: jna null-call median <= 1.3x NIO — 1.10x (22.0 µs vs 20.0 µs)"), markdown);
        assertTrue(report.clean());
    }

    @Test
    void perForkFigures_areListedUnderTheTable_andTheTableShowsTheirMedian() {
        RowResult jna = new RowResult(Row.transport("jna")).putForks(Metric.NULL_P50, List.of(34.0, 12.7, 12.6))
                .putForks(Metric.CALLS_1_THREAD, List.of(80_000.0));
        Report report = report(List.of(jna));
        assertEquals(List.of("jna: null p50 µs 12.6 / 12.7 / 34.0"), report.spread());
        assertTrue(report.toMarkdown().contains("| jna | own process | 12.7 |"), report.toMarkdown());
        assertTrue(report.toMarkdown().contains("- jna: null p50 µs 12.6 / 12.7 / 34.0"), report.toMarkdown());
    }

    @Test
    void aRowThatFailed_makesTheRunUnclean_andIsListedAsAProblem() {
        Report report = report(List.of(new RowResult(Row.transport("jna")).problem("latency failed, see x.log")));
        assertFalse(report.clean());
        assertTrue(report.toText().contains("PROBLEM: jna: latency failed, see x.log"), report.toText());
        assertTrue(report.toMarkdown().contains("- **problem**: jna: latency failed, see x.log"), report.toMarkdown());
    }
}

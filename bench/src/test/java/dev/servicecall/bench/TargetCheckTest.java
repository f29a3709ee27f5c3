package dev.servicecall.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicecall.bench.TargetCheck.Outcome;
import dev.servicecall.bench.TargetCheck.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetCheckTest {

    private static RowResult row(Row row, double nullP50, double largeP50, double alloc, double calls1, double calls2) {
        return new RowResult(row).put(Metric.NULL_P50, nullP50).put(Metric.LARGE_P50, largeP50)
                .put(Metric.ALLOC_NULL, alloc).put(Metric.CALLS_1_THREAD, calls1).put(Metric.CALLS_2_THREADS, calls2);
    }

    private static Outcome find(List<Outcome> outcomes, String start) {
        return outcomes.stream().filter(outcome -> outcome.target().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void targets_areJudgedOnRatiosWithinTheRun() {
        List<Outcome> outcomes = TargetCheck.check(new ResultTable(List.of(
                row(Row.nio(), 20, 400, 0, 50_000, 90_000),
                row(Row.rmi(), 35, 3000, 5000, 30_000, 40_000),
                row(Row.transport("jna"), 26, 500, 24, 40_000, 70_000),
                row(Row.transport("jnr"), 21, 700, 80, 40_000, 43_000))));
        assertEquals(Verdict.MET, find(outcomes, "jna null-call").verdict());
        assertEquals(Verdict.MISSED, find(outcomes, "jnr null-call").verdict(), "21 > 1.0 x 20");
        assertEquals(Verdict.MET, find(outcomes, "jna 1 MiB").verdict(), "3000 / 500 = 6x");
        assertEquals(Verdict.MISSED, find(outcomes, "jnr 1 MiB").verdict(), "3000 / 700 = 4.29x");
        assertEquals(Verdict.MET, find(outcomes, "jna client allocation").verdict());
        assertEquals(Verdict.MISSED, find(outcomes, "jnr client allocation").verdict());
        assertEquals(Verdict.MET, find(outcomes, "jna calls/s").verdict());
        assertEquals(Verdict.MISSED, find(outcomes, "jnr calls/s").verdict(), "7.5% is within the noise");
        assertTrue(find(outcomes, "jna null-call").detail().startsWith("1.30x"), find(outcomes, "jna null-call").detail());
        assertTrue(find(outcomes, "jnr 1 MiB").detail().startsWith("4.29x faster"), find(outcomes, "jnr 1 MiB").detail());
    }

    @Test
    void aTargetWithoutItsRowOrBaseline_isNotMeasured_neverMet() {
        List<Outcome> outcomes = TargetCheck.check(new ResultTable(List.of(
                row(Row.transport("jna"), 26, 500, 24, 40_000, 70_000))));
        assertEquals(Verdict.NOT_MEASURED, find(outcomes, "jnr null-call").verdict());
        assertEquals(Verdict.NOT_MEASURED, find(outcomes, "jna null-call").verdict(), "no NIO row");
        assertEquals(Verdict.NOT_MEASURED, find(outcomes, "jna 1 MiB").verdict(), "no RMI row");
        assertEquals(Verdict.NOT_MEASURED, find(outcomes, "jnr client allocation").verdict());
        assertEquals(Verdict.MET, find(outcomes, "jna client allocation").verdict());
    }

    @Test
    void baselines_haveNoThroughputTarget_butInProcessTransportsDo() {
        List<Outcome> outcomes = TargetCheck.check(new ResultTable(List.of(
                row(Row.nio(), 20, 400, 0, 50_000, 40_000),
                row(Row.inProcessTransport("inmemory"), 9, 200, 500, 90_000, 60_000))));
        assertTrue(outcomes.stream().noneMatch(outcome -> outcome.target().startsWith(Row.NIO)));
        assertEquals(Verdict.MISSED, find(outcomes, "inmemory calls/s").verdict());
    }
}

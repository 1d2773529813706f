package io.merklebench.run;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private static PlannedCase timedCase(final String size) {
        return new PlannedCase("query", "io.merklebench.bench.query.QueryBench.hit", Map.of("size", size),
            Timing.timed(1, 1000, 2, 1000));
    }

    @Test
    void shouldExpectForkOverheadLoadingAndIterationsPerFork() {
        assertEquals(Progress.FORK_OVERHEAD_SECONDS + 3.0, Progress.expectedForkSeconds(timedCase("0")), 1e-9);
        assertEquals(Progress.FORK_OVERHEAD_SECONDS + 3.0 + 1_000_000 * Progress.LOAD_SECONDS_PER_KEY,
            Progress.expectedForkSeconds(timedCase("1000000")), 1e-9);
    }

    @Test
    void shouldExpectEveryForkOfEveryCase() {
        final List<PlannedCase> cases = List.of(timedCase("0"), timedCase("1000000"));
        assertEquals(3 * (Progress.expectedForkSeconds(cases.get(0)) + Progress.expectedForkSeconds(cases.get(1))),
            Progress.expectedTotalSeconds(cases, 3), 1e-9);
    }

    @Test
    void shouldScaleTheEstimateByHowLongFinishedForksReallyTook() {
        final List<PlannedCase> cases = List.of(timedCase("0"), timedCase("0"), timedCase("0"));
        final List<ForkSchedule.Entry> schedule = ForkSchedule.of(cases, 1, ForkOrder.ROUND_ROBIN, 0);
        final StringWriter text = new StringWriter();
        final Progress progress = new Progress(new PrintWriter(text), schedule, 0);
        final double perFork = Progress.expectedForkSeconds(cases.get(0));

        assertEquals(3 * perFork, progress.estimatedRemainingSeconds(0), 1e-9);
        progress.starting(schedule.get(0), 0);
        progress.finished(schedule.get(0), null);
        final long twiceAsLongNanos = Math.round(2 * perFork * SECOND_NANOS);
        assertEquals(2 * 2 * perFork, progress.estimatedRemainingSeconds(twiceAsLongNanos), 1e-6);
        progress.starting(schedule.get(1), twiceAsLongNanos);
        assertTrue(text.toString().contains("[2/3] fork 1/1 query.hit size=0"), text.toString());
    }

    @Test
    void shouldSayWhichForksAFailureSkipsAndNotCountThemAsTimeLeft() {
        final List<PlannedCase> cases = List.of(timedCase("0"), timedCase("0"));
        final List<ForkSchedule.Entry> schedule = ForkSchedule.of(cases, 3, ForkOrder.ROUND_ROBIN, 0);
        final StringWriter text = new StringWriter();
        final Progress progress = new Progress(new PrintWriter(text), schedule, 0);
        final double perFork = Progress.expectedForkSeconds(cases.get(0));

        progress.starting(schedule.get(0), 0);
        progress.finished(schedule.get(0), "IllegalStateException: boom");
        progress.skipped(schedule.get(2));
        progress.skipped(schedule.get(4));

        assertTrue(text.toString().contains("[1/6] fork 1/3 query.hit size=0"), text.toString());
        assertTrue(text.toString().contains("FAILED: IllegalStateException: boom (its remaining 2 forks will be"
            + " skipped)"), text.toString());
        final long asExpectedNanos = Math.round(perFork * SECOND_NANOS);
        assertEquals(3 * perFork, progress.estimatedRemainingSeconds(asExpectedNanos), 1e-6);
    }

    @Test
    void shouldFormatDurationsCompactly() {
        assertEquals("12s", Progress.format(12.4));
        assertEquals("4m05s", Progress.format(245));
        assertEquals("1h02m", Progress.format(3720));
    }
}

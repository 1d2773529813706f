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
            Timing.timed(1, 1000, 2, 1000, 1));
    }

    @Test
    void shouldExpectForkOverheadLoadingAndIterations() {
        assertEquals(Progress.FORK_OVERHEAD_SECONDS + 3.0, Progress.expectedSeconds(timedCase("0")), 1e-9);
        assertEquals(Progress.FORK_OVERHEAD_SECONDS + 3.0 + 1_000_000 * Progress.LOAD_SECONDS_PER_KEY,
            Progress.expectedSeconds(timedCase("1000000")), 1e-9);
    }

    @Test
    void shouldScaleTheEstimateByHowLongFinishedCasesReallyTook() {
        final List<PlannedCase> cases = List.of(timedCase("0"), timedCase("0"), timedCase("0"));
        final StringWriter text = new StringWriter();
        final Progress progress = new Progress(new PrintWriter(text), cases, 0);
        final double perCase = Progress.expectedSeconds(cases.get(0));

        assertEquals(3 * perCase, progress.estimatedRemainingSeconds(0), 1e-9);
        progress.starting(cases.get(0), 0);
        progress.finished(cases.get(0), null);
        final long twiceAsLongNanos = Math.round(2 * perCase * SECOND_NANOS);
        assertEquals(2 * 2 * perCase, progress.estimatedRemainingSeconds(twiceAsLongNanos), 1e-6);
        progress.starting(cases.get(1), twiceAsLongNanos);
        assertTrue(text.toString().contains("[2/3] query.hit size=0"), text.toString());
    }

    @Test
    void shouldFormatDurationsCompactly() {
        assertEquals("12s", Progress.format(12.4));
        assertEquals("4m05s", Progress.format(245));
        assertEquals("1h02m", Progress.format(3720));
    }
}

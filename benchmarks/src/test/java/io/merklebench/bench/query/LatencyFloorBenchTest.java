package io.merklebench.bench.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyFloorBenchTest {
    @Test
    void shouldChaseOneCycleThroughEveryLine() {
        for (final long seed : new long[] {1, 2, 1234}) {
            final int lines = 1000;
            final int[] next = LatencyFloorBench.cycle(lines, seed);
            final boolean[] seen = new boolean[lines];
            int at = 0;
            for (int step = 0; step < lines; step++) {
                final int line = at / LatencyFloorBench.INTS_PER_LINE;
                assertTrue(!seen[line], "seed " + seed + ": line " + line + " visited twice within " + step + " steps");
                seen[line] = true;
                at = next[at];
                assertEquals(0, at % LatencyFloorBench.INTS_PER_LINE, "every step lands on a line's start");
            }
            assertEquals(0, at, "seed " + seed + ": back at the start after every line, once each");
        }
    }

    @Test
    void shouldSizeTheBufferLikeTheTree() {
        assertEquals(1_000_000L * 300 / 64, LatencyFloorBench.lines(1_000_000));
        assertEquals(2, LatencyFloorBench.lines(0));
        assertThrows(IllegalArgumentException.class, () -> LatencyFloorBench.lines(1_000_000_000));
    }
}

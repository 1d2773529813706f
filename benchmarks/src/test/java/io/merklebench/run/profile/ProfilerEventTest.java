package io.merklebench.run.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfilerEventTest {
    @Test
    void shouldParseEventsInTheOrderGivenEachOnce() {
        assertEquals(List.of(ProfilerEvent.CPU, ProfilerEvent.ALLOC), ProfilerEvent.parseList("cpu,alloc"));
        assertEquals(List.of(ProfilerEvent.LOCK, ProfilerEvent.WALL), ProfilerEvent.parseList("lock, WALL,lock"));
        assertEquals("cpu,alloc", ProfilerEvent.join(ProfilerEvent.parseList("cpu,alloc")));
    }

    @Test
    void shouldNameTheUnknownWordAndTheChoices() {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> ProfilerEvent.parseList("cpu,heap"));
        assertEquals("unknown profiler 'heap'; expected one or more of: cpu, wall, alloc, lock (comma-separated, e.g."
            + " --profiler cpu,alloc)", unknown.getMessage());
        assertEquals("unknown profiler ''; expected one or more of: cpu, wall, alloc, lock (comma-separated, e.g."
            + " --profiler cpu,alloc)", assertThrows(IllegalArgumentException.class,
                () -> ProfilerEvent.parseList("")).getMessage());
    }

    @Test
    void shouldRefuseCpuWithWall() {
        final IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
            () -> ProfilerEvent.parseList("wall,alloc,cpu"));
        assertEquals("--profiler cpu and wall cannot be combined: both sample stacks by a clock and one recording"
            + " holds one of them; run cpu and wall in two runs", both.getMessage());
    }
}

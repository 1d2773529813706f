package io.merklebench.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForkScheduleTest {
    private static List<PlannedCase> cases(final int count) {
        final List<PlannedCase> cases = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            cases.add(new PlannedCase("query", "io.merklebench.bench.query.QueryBench.hit",
                Map.of("size", Integer.toString(index)), Timing.timed(1, 100, 3, 100)));
        }
        return cases;
    }

    private static List<String> caseAndFork(final List<ForkSchedule.Entry> schedule) {
        return schedule.stream().map(entry -> entry.caseIndex() + "/" + entry.fork()).toList();
    }

    @Test
    void shouldRunForkOneOfEveryCaseThenForkTwoInRoundRobin() {
        final List<ForkSchedule.Entry> schedule = ForkSchedule.of(cases(3), 2, ForkOrder.ROUND_ROBIN, 0);

        assertEquals(List.of("0/1", "1/1", "2/1", "0/2", "1/2", "2/2"), caseAndFork(schedule));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), schedule.stream().map(ForkSchedule.Entry::sequence).toList());
        assertEquals(2, schedule.get(0).forks());
    }

    @Test
    void shouldShuffleEachRoundReproduciblyFromTheSeed() {
        final List<PlannedCase> cases = cases(8);
        for (final long seed : new long[] {1, 42, 20261201}) {
            final List<ForkSchedule.Entry> schedule = ForkSchedule.of(cases, 3, ForkOrder.SHUFFLE, seed);

            assertEquals(caseAndFork(schedule), caseAndFork(ForkSchedule.of(cases, 3, ForkOrder.SHUFFLE, seed)),
                "seed=" + seed);
            for (int round = 0; round < 3; round++) {
                final List<ForkSchedule.Entry> inRound = schedule.subList(round * 8, round * 8 + 8);
                final int fork = round + 1;
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), inRound.stream().map(ForkSchedule.Entry::caseIndex)
                    .sorted().toList(), "every case once in round " + fork + ", seed=" + seed);
                inRound.forEach(entry -> assertEquals(fork, entry.fork(), "seed=" + seed));
            }
            assertNotEquals(caseAndFork(schedule.subList(0, 8)), caseAndFork(schedule.subList(8, 16)).stream()
                .map(text -> text.replace("/2", "/1")).toList(), "rounds in their own orders, seed=" + seed);
        }
        assertNotEquals(caseAndFork(ForkSchedule.of(cases, 3, ForkOrder.SHUFFLE, 1)),
            caseAndFork(ForkSchedule.of(cases, 3, ForkOrder.SHUFFLE, 2)));
    }

    @Test
    void shouldRefuseFewerThanOneFork() {
        assertEquals("forks must be at least 1: forks=0", assertThrows(IllegalArgumentException.class,
            () -> ForkSchedule.of(cases(1), 0, ForkOrder.ROUND_ROBIN, 0)).getMessage());
    }

    @Test
    void shouldRunAMemoryBreakdownInOneForkWhateverTheRunsForks() {
        final PlannedCase breakdown = new PlannedCase("memory", "io.merklebench.bench.memory.HeapBreakdownBench.breakdown",
            Map.of("engine", "heap"), Timing.singleShot(0, 1));
        final List<PlannedCase> cases = new ArrayList<>(cases(2));
        cases.add(breakdown);
        final List<ForkSchedule.Entry> schedule = ForkSchedule.of(cases, 3, ForkOrder.ROUND_ROBIN, 1);
        assertEquals(7, schedule.size(), "2 cases x 3 forks and the breakdown once");
        final List<ForkSchedule.Entry> ofBreakdown = schedule.stream()
            .filter(entry -> entry.plannedCase() == breakdown).toList();
        assertEquals(1, ofBreakdown.size());
        assertEquals(1, ofBreakdown.get(0).forks());
        assertEquals(1, breakdown.forksIn(3));
        assertEquals(3, cases.get(0).forksIn(3));
    }
}

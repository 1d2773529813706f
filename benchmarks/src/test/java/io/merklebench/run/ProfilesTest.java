package io.merklebench.run;

import io.merklebench.results.ResultColumns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesTest {
    private static final BenchmarkCatalog COMPILED = BenchmarkCatalog.fromClassPath();

    @Test
    void shouldListProfilesFromShortestToLongest() {
        assertEquals(List.of("smoke", "quick", "standard", "full"), Profiles.names());
    }

    @Test
    void shouldNameTheValidProfilesForAnUnknownOne() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> Profiles.named("fast"));

        assertEquals("unknown profile 'fast'; expected one of: smoke, quick, standard, full", error.getMessage());
    }

    @Test
    void shouldOnlyNameCompiledBenchmarksAndDeclaredParams() {
        for (final String name : Profiles.names()) {
            for (final FamilyPlan family : Profiles.named(name).families()) {
                final List<String> covered = COMPILED.benchmarks().stream().filter(family::covers).toList();
                assertFalse(covered.isEmpty(), name + ": " + family.family() + " covers no benchmark");
                for (final String param : family.paramValues().keySet()) {
                    if (param.equals(ResultColumns.THREADS)) {
                        continue; // JMH's thread count: an axis of every benchmark, not a @Param
                    }
                    assertTrue(covered.stream().anyMatch(benchmark -> COMPILED.params(benchmark).containsKey(param)),
                        name + ": " + family.family() + " sets param " + param + " that none of its benchmarks declares");
                }
            }
        }
    }

    @Test
    void shouldPlanEveryTreeFamilyOnceForOneEngineInTheSmokeProfile() {
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, store -> false)
            .plan(Profiles.SMOKE, List.of("heap"), List.of("mem"), null);

        final List<String> benchmarks = cases.stream().map(PlannedCase::benchmark).distinct().toList();
        for (final String expected : List.of("query.hit", "query.miss", "write.update", "write.insert",
            "remove.present", "block.tx", "hash.dirtyLeaves", "hash.sha256Floor", "memory.perKey", "store.getHit",
            "store.put")) {
            assertTrue(benchmarks.contains(expected), expected + " missing from " + benchmarks);
        }
        assertEquals(benchmarks.size(), cases.size(), "smoke runs each benchmark with one param set");
    }

    @Test
    void shouldEstimateTheQuickProfileUnderFiveMinutesWithItsForksForFourEnginesOnTwoStores() {
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, "rocksdb"::equals)
            .plan(Profiles.QUICK, List.of("heap", "array", "paged15", "paged31"), List.of("mem", "rocksdb"), null);

        final double expectedSeconds = Progress.expectedTotalSeconds(cases, Profiles.QUICK.defaultForks());
        assertTrue(expectedSeconds <= 5 * 60, "quick profile expected " + expectedSeconds + " s for " + cases.size()
            + " cases x " + Profiles.QUICK.defaultForks() + " forks");
    }

    @Test
    void shouldEstimateTheStandardProfileUnderAnHourWithItsForksForFourEnginesOnEveryStore() {
        final List<String> stores = List.of("mem", "rocksdb", "leveldb", "lmdb", "mmap");
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, store -> !store.equals("mem"))
            .plan(Profiles.STANDARD, List.of("heap", "array", "paged15", "paged31"), stores, null);

        final double expectedSeconds = Progress.expectedTotalSeconds(cases, Profiles.STANDARD.defaultForks());
        assertTrue(expectedSeconds < 60 * 60, "standard profile expected " + expectedSeconds + " s for "
            + cases.size() + " cases x " + Profiles.STANDARD.defaultForks() + " forks");
    }

    @Test
    void shouldRunSeveralForksPerCaseInQuickAndStandardSoThatDiffHasForksToCompare() {
        assertEquals(1, Profiles.SMOKE.defaultForks());
        assertEquals(3, Profiles.QUICK.defaultForks());
        assertEquals(3, Profiles.STANDARD.defaultForks());
        assertEquals(5, Profiles.FULL.defaultForks());
    }

    @Test
    void shouldKeepTheStandardTargetsAtOneMillionKeysAndEverythingElseSmaller() {
        final List<String> stores = List.of("mem", "rocksdb", "leveldb", "lmdb", "mmap");
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, store -> !store.equals("mem"))
            .plan(Profiles.STANDARD, List.of("heap", "array", "paged15", "paged31"), stores, null);

        final List<String> atOneMillion = cases.stream()
            .filter(plannedCase -> "1000000".equals(plannedCase.params().get(ResultColumns.SIZE)))
            .map(plannedCase -> plannedCase.benchmark() + " " + plannedCase.params().get(ResultColumns.STORE))
            .distinct().sorted().toList();
        assertEquals(List.of("block.tx leveldb", "block.tx lmdb", "block.tx mmap", "block.tx rocksdb",
            "query.hit mmap"), atOneMillion);
    }
}

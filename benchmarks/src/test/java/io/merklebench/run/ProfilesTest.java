package io.merklebench.run;

import io.merklebench.core.registry.Registry;
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
        // Once each, and the query family and memory.perKey once more with the fast index (not memory.breakdown).
        assertEquals(benchmarks.size(), cases.stream().filter(c -> !"true".equals(c.params().get("fastIndex"))).count(),
            "smoke runs each benchmark with one param set");
        assertEquals(List.of("memory.perKey", "query.hit", "query.miss"), cases.stream()
            .filter(c -> "true".equals(c.params().get("fastIndex"))).map(PlannedCase::benchmark).sorted().toList());
    }

    @Test
    void shouldEstimateTheQuickProfileUnderFiveMinutesWithItsForksForEveryEngineOnItsDefaultStores() {
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, name -> Registry.store(name).persistent())
            .planWithSkipped(Profiles.QUICK, Registry.engineNames(), List.of("mem", "rocksdb"), false, null).cases();

        final double expectedSeconds = Progress.expectedTotalSeconds(cases, Profiles.QUICK.defaultForks());
        // About 5 minutes: the estimate was 299.8 s before quick's memory.breakdown cases (3 forks of 1 s) came.
        assertTrue(expectedSeconds <= 5 * 60 + 5, "quick profile expected " + expectedSeconds + " s for " + cases.size()
            + " cases x " + Profiles.QUICK.defaultForks() + " forks");
    }

    @Test
    void shouldRunEveryEngineOnMmapAndOnlyThePagedEnginesOnPagefileInStandard() {
        final MatrixPlan plan = new MatrixPlanner(COMPILED, name -> Registry.store(name).persistent())
            .planWithSkipped(Profiles.STANDARD, Registry.engineNames(), Registry.storeNames(), null);

        for (final String engine : Registry.engineNames()) {
            for (final String benchmark : List.of("query.hit", "write.update", "block.tx", "memory.perKey")) {
                final boolean onPagefile = plan.cases().stream().anyMatch(c -> c.benchmark().equals(benchmark)
                    && engine.equals(c.params().get("engine")) && "pagefile".equals(c.params().get("store")));
                assertEquals(Registry.refusal(engine, "pagefile") == null, onPagefile, benchmark + " engine=" + engine);
                // The peers load slowly (mpt, 13 times the others) or differ little between stores (flat): mpt's
                // disk rows are its own plan's, flat's 1M-key block runs on lmdb alone.
                if (engine.equals("mpt")) {
                    continue;
                }
                final String disk = engine.equals("flat") && benchmark.equals("block.tx") ? "lmdb" : "mmap";
                assertTrue(plan.cases().stream().anyMatch(c -> c.benchmark().equals(benchmark)
                    && engine.equals(c.params().get("engine")) && disk.equals(c.params().get("store"))),
                    benchmark + " engine=" + engine + " on " + disk);
            }
        }
        assertTrue(plan.cases().stream().noneMatch(c -> "pagefile".equals(c.params().get("store"))
            && !c.params().containsKey("engine")), "store, fsync and batch cases need key-value entries");
        final List<String> summary = plan.skipSummary();
        // The key-value engines on pagefile (heap, array, flat; mpt's disk rows are its own plan's), the store
        // families on pagefile, and the hash family for the engines that are not iavl-v1.
        assertEquals(6, summary.size(), summary.toString());
        for (final String reason : List.of("engine heap cannot use store pagefile: ",
            "engine array cannot use store pagefile: ",
            "engine flat cannot use store pagefile: ", "store pagefile holds tree pages, not key-value entries",
            "family hash measures IAVL hashing against its SHA-256 floor: engine mpt has hash scheme eth-mpt",
            "family hash measures IAVL hashing against its SHA-256 floor: engine flat has hash scheme none")) {
            assertTrue(summary.stream().anyMatch(line -> line.contains(reason)), reason + " in " + summary);
        }
    }

    @Test
    void shouldEstimateTheStandardProfileUnderAnHourWithItsForksForEveryEngineOnEveryStore() {
        final List<String> stores = Registry.storeNames();
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, store -> !store.equals("mem"))
            .plan(Profiles.STANDARD, Registry.engineNames(), stores, null);

        final double expectedSeconds = Progress.expectedTotalSeconds(cases, Profiles.STANDARD.defaultForks());
        assertTrue(expectedSeconds < 60 * 60, "standard profile expected " + expectedSeconds + " s for "
            + cases.size() + " cases x " + Profiles.STANDARD.defaultForks() + " forks");
    }

    @Test
    void shouldRunSeveralForksPerCaseInQuickAndStandardSoThatDiffHasForksToCompare() {
        assertEquals(1, Profiles.SMOKE.defaultForks());
        assertEquals(3, Profiles.QUICK.defaultForks());
        assertEquals(4, Profiles.STANDARD.defaultForks(), "4 forks: the least that detect a 10% change at 3% noise 8 times in 10");
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
            "query.hit mmap", "query.latencyFloor null"), atOneMillion, "the floor beside the 1M-key hits (no store)");
    }
}

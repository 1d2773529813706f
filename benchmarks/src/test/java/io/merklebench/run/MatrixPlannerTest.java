package io.merklebench.run;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixPlannerTest {
    private static final Timing TIMING = Timing.timed(1, 100, 2, 100);
    private static final String QUERY_HIT = "io.merklebench.bench.query.QueryBench.hit";
    private static final String UPDATE = "io.merklebench.bench.write.UpdateBench.update";
    private static final String STORE_GET = "io.merklebench.bench.store.StoreGetBench.getHit";

    private static BenchmarkCatalog catalog() {
        final Map<String, Map<String, List<String>>> benchmarks = new LinkedHashMap<>();
        benchmarks.put(QUERY_HIT, params("seed", "1234", "size", "10000", "store", "mem", "engine", "heap"));
        benchmarks.put(UPDATE, params("blockSize", "100", "durable", "false", "engine", "heap", "size", "10000",
            "store", "mem"));
        benchmarks.put(STORE_GET, params("size", "10000", "store", "mem"));
        return new BenchmarkCatalog(benchmarks);
    }

    private static Map<String, List<String>> params(final String... nameValuePairs) {
        final Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            params.put(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
        }
        return params;
    }

    private static final MatrixPlanner PLANNER = new MatrixPlanner(catalog(), Set.of("rocksdb")::contains);

    private static Profile profile(final FamilyPlan... families) {
        return new Profile("test", "test", List.of(families), Profile.DefaultStores.ALL, 1);
    }

    @Test
    void shouldRunEveryEngineAndStoreCombinationWithTheProfilesParamValues() {
        final List<PlannedCase> cases = PLANNER.plan(
            profile(FamilyPlan.of("query", "io.merklebench.bench.query.").param("size", "10", "20").timing(TIMING)),
            List.of("heap", "array"), List.of("mem", "rocksdb"), null);

        assertEquals(8, cases.size());
        assertEquals("query.hit engine=heap store=mem size=10 seed=1234", cases.get(0).label());
        assertEquals("query.hit", cases.get(0).benchmark());
        assertEquals(QUERY_HIT, cases.get(0).jmhName());
    }

    @Test
    void shouldSkipWhatTheStoreRuleRefusesAndCountItPerReason() {
        final MatrixPlanner planner = new MatrixPlanner(catalog(), Set.of("rocksdb", "pagefile")::contains,
            (engine, store) -> !store.equals("pagefile") || "paged15".equals(engine) ? null
                : engine == null ? "store pagefile holds no entries" : "engine " + engine + " cannot use pagefile");

        final MatrixPlan plan = planner.planWithSkipped(profile(
                FamilyPlan.of("query", "io.merklebench.bench.query.").timing(TIMING),
                FamilyPlan.of("store", "io.merklebench.bench.store.").timing(TIMING)),
            List.of("heap", "paged15"), List.of("mem", "pagefile"), null);

        assertEquals(List.of("query.hit engine=heap store=mem size=10000 seed=1234",
            "query.hit engine=paged15 store=mem size=10000 seed=1234",
            "query.hit engine=paged15 store=pagefile size=10000 seed=1234",
            "store.getHit store=mem size=10000"), plan.cases().stream().map(PlannedCase::label).toList());
        assertEquals(List.of("query.hit engine=heap store=pagefile size=10000 seed=1234",
            "store.getHit store=pagefile size=10000"),
            plan.skipped().stream().map(skipped -> skipped.plannedCase().label()).toList());
        assertEquals(List.of("skipped 1 case: engine heap cannot use pagefile",
            "skipped 1 case: store pagefile holds no entries"), plan.skipSummary());
    }

    @Test
    void shouldSkipTheFastIndexOnEnginesThatKeepNone() {
        final Map<String, Map<String, List<String>>> benchmarks = new LinkedHashMap<>();
        benchmarks.put(QUERY_HIT, params("fastIndex", "false", "size", "10000", "store", "mem", "engine", "heap"));
        final MatrixPlan plan = new MatrixPlanner(new BenchmarkCatalog(benchmarks), store -> false).planWithSkipped(
            profile(FamilyPlan.of("query", "io.merklebench.bench.query.").param("fastIndex", "false", "true")
                .timing(TIMING)), List.of("array", "mpt"), List.of("mem"), null);

        assertEquals(List.of("query.hit engine=array store=mem fastIndex=false size=10000",
            "query.hit engine=array store=mem fastIndex=true size=10000",
            "query.hit engine=mpt store=mem fastIndex=false size=10000"),
            plan.cases().stream().map(PlannedCase::label).toList());
        assertEquals(List.of("skipped 1 case: engine mpt keeps no fast index: fastIndex=true"), plan.skipSummary());
    }

    @Test
    void shouldRunDurableOnlyAsFalseOnAStoreThatIsNotPersistent() {
        final List<PlannedCase> cases = PLANNER.plan(
            profile(FamilyPlan.of("write", "io.merklebench.bench.write.UpdateBench.").param("durable", "true", "false")
                .timing(TIMING)),
            List.of("heap"), List.of("mem", "rocksdb"), null);

        assertEquals(List.of(
            "write.update engine=heap store=mem size=10000 blockSize=100 durable=false",
            "write.update engine=heap store=rocksdb size=10000 blockSize=100 durable=true",
            "write.update engine=heap store=rocksdb size=10000 blockSize=100 durable=false"),
            cases.stream().map(PlannedCase::label).toList());
    }

    @Test
    void shouldNarrowStoresToThoseTheProfileNamesButNeverAddOne() {
        final FamilyPlan memOnly = FamilyPlan.of("query", "io.merklebench.bench.query.").param("store", "mem", "lmdb")
            .timing(TIMING);

        final List<PlannedCase> cases = PLANNER.plan(profile(memOnly), List.of("heap"), List.of("mem", "rocksdb"), null);

        assertEquals(1, cases.size());
        assertEquals("mem", cases.get(0).params().get("store"));
    }

    @Test
    void shouldKeepOnlyCasesWhoseLabelMatchesTheFilter() {
        final Profile profile = profile(
            FamilyPlan.of("query", "io.merklebench.bench.query.").timing(TIMING),
            FamilyPlan.of("store", "io.merklebench.bench.store.").timing(TIMING));

        final List<PlannedCase> cases = PLANNER.plan(profile, List.of("heap"), List.of("mem", "rocksdb"),
            Pattern.compile("store=rocksdb"));

        assertEquals(List.of("query.hit engine=heap store=rocksdb size=10000 seed=1234",
            "store.getHit store=rocksdb size=10000"), cases.stream().map(PlannedCase::label).toList());
    }

    @Test
    void shouldRunACaseNamedByTwoEntriesOnce() {
        final FamilyPlan entry = FamilyPlan.of("store", "io.merklebench.bench.store.").timing(TIMING);

        assertEquals(1, PLANNER.plan(profile(entry, entry), List.of(), List.of("mem"), null).size());
    }

    @Test
    void shouldPlanNoTreeCaseWhenNoEngineIsSelected() {
        final List<PlannedCase> cases = PLANNER.plan(profile(
            FamilyPlan.of("query", "io.merklebench.bench.query.").timing(TIMING),
            FamilyPlan.of("store", "io.merklebench.bench.store.").timing(TIMING)), List.of(), List.of("mem"), null);

        assertEquals(List.of("store.getHit"), cases.stream().map(PlannedCase::benchmark).toList());
    }

    @Test
    void shouldRejectAnEntryThatNamesNoCompiledBenchmark() {
        final IllegalStateException error = assertThrows(IllegalStateException.class, () -> PLANNER.plan(
            profile(FamilyPlan.of("fsync", "io.merklebench.bench.sync.").timing(TIMING)), List.of("heap"),
            List.of("mem"), null));

        assertTrue(error.getMessage().contains("family fsync names no compiled benchmark"), error.getMessage());
        assertTrue(error.getMessage().contains("jmhPrefix=io.merklebench.bench.sync."), error.getMessage());
    }
}

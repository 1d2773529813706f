package io.merklebench.run;

import io.merklebench.core.registry.Registry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fsync and batch entries of the profiles, planned against the compiled benchmarks. */
class SyncFamiliesTest {
    private static final BenchmarkCatalog COMPILED = BenchmarkCatalog.fromClassPath();

    @Test
    void shouldPlanTheStoresSyncMethodsAndTheGroupCommitTargetOnThePersistentStoreInQuick() {
        final List<String> labels = new MatrixPlanner(COMPILED, name -> Registry.store(name).persistent())
            .planWithSkipped(Profiles.QUICK, List.of("heap"), List.of("mem", "rocksdb"), false, null).cases()
            .stream().map(PlannedCase::label).toList();
        assertTrue(labels.contains("fsync.write method=fdatasync writeSize=4096"), labels.toString());
        // The store commit on quick's persistent store and on the mmap log under each of its mappings.
        for (final String store : List.of("rocksdb", "mmap", "agrona", "chronicle")) {
            assertTrue(labels.contains("fsync.storeCommit store=" + store + " writeSize=4096"), store + " in " + labels);
        }
        assertTrue(labels.contains("batch.writesPerCommit store=rocksdb batch=1"), labels.toString());
        assertTrue(labels.contains("batch.writesPerCommit store=rocksdb batch=64"), labels.toString());
        // The target: 64 committers through group commit against one committer alone.
        assertTrue(labels.contains("batch.groupCommit store=rocksdb threads=64"), labels.toString());
        assertTrue(labels.contains("batch.committers store=rocksdb threads=1"), labels.toString());
        assertTrue(labels.stream().noneMatch(label -> label.matches("batch\\..*store=(agrona|chronicle|mmap).*")),
            "batching runs on quick's persistent store only: " + labels);
        assertTrue(labels.stream().noneMatch(label -> label.matches("(fsync\\.storeCommit|batch\\.).*store=mem.*")),
            "syncs need a device: no mem cases for store commits or batching in quick: " + labels);
    }

    @Test
    void shouldCompareOneAndSixtyFourCommittersWithEightAndSixtyFourGroupedInStandardAndSweepThemAllInFull() {
        final MatrixPlanner planner = new MatrixPlanner(COMPILED, "rocksdb"::equals);
        final List<PlannedCase> standard = planner.plan(Profiles.STANDARD, List.of("heap"), List.of("rocksdb"), null);

        assertEquals(List.of("8", "64"), groupCommitThreads(standard));
        assertEquals(List.of("1", "64"), standard.stream().filter(c -> c.benchmark().equals("batch.committers"))
            .map(plannedCase -> plannedCase.params().get("threads")).toList());
        final List<PlannedCase> full = planner.plan(Profiles.FULL, List.of("heap"), List.of("rocksdb"), null);
        assertEquals(List.of("1", "2", "4", "8", "16", "32", "64"), groupCommitThreads(full));
        assertEquals(5 * 4, full.stream().filter(c -> c.benchmark().equals("fsync.write")).count(),
            "every method at every write size");
    }

    @Test
    void shouldRunEveryRawSyncMethodAtTwoWriteSizesInStandard() {
        final List<PlannedCase> cases = new MatrixPlanner(COMPILED, "rocksdb"::equals)
            .plan(Profiles.STANDARD, List.of("heap"), List.of("rocksdb"), null);

        assertEquals(5 * 2, cases.stream().filter(c -> c.benchmark().equals("fsync.write")).count());
    }

    private static List<String> groupCommitThreads(final List<PlannedCase> cases) {
        return cases.stream().filter(plannedCase -> plannedCase.benchmark().equals("batch.groupCommit"))
            .map(plannedCase -> plannedCase.params().get("threads")).toList();
    }
}

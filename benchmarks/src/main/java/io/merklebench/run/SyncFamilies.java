package io.merklebench.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.merklebench.results.ResultColumns.BATCH;
import static io.merklebench.results.ResultColumns.METHOD;
import static io.merklebench.results.ResultColumns.STORE;
import static io.merklebench.results.ResultColumns.THREADS;
import static io.merklebench.results.ResultColumns.WRITE_SIZE;

/**
 * The {@code fsync} and {@code batch} families' entries for each profile ({@code io.merklebench.bench.sync} and
 * {@code .batch}), kept apart from {@link Profiles} because their axes differ from the tree families': sync method,
 * write size, writes per commit and, for the committer cases, the JMH thread count.
 *
 * <p>Sizing: every case here is a timed SampleTime run of one or a few syncs per op, so its cost is the fork plus
 * warmup plus measurement, whatever the disk. Cases that only mean something with a device (store commits, batching,
 * committers) are narrowed to the persistent stores, so {@code quick} runs them on its one persistent store.
 */
final class SyncFamilies {
    private static final String BENCH = "io.merklebench.bench.";
    private static final String BATCH_BENCH = BENCH + "batch.BatchBench.";
    /**
     * Narrows a selection to its persistent stores (a profile cannot add stores the user left out); the planner
     * skips a store of tree pages for the cases that use the store directly, and for engines that cannot use it.
     */
    private static final String[] PERSISTENT_STORES = StoreSelection.persistentForTrees();
    /** The fsync family's store commit: every persistent store, the mmap log's mapping variants too. */
    private static final String[] COMMIT_STORES = StoreSelection.persistent();
    private static final String[] ALL_METHODS = {"fdatasync", "fsync", "O_DSYNC", "O_SYNC", "msync"};
    private static final String[] ALL_WRITE_SIZES = {"512", "4096", "8192", "65536"};
    private static final String[] ALL_BATCHES = {"1", "4", "16", "64", "256", "1024"};
    private static final String[] ALL_THREADS = {"1", "2", "4", "8", "16", "32", "64"};

    private SyncFamilies() {
    }

    /** Each case once, tiny: checks the wiring (mem only in smoke's default selection, so no syncs are counted). */
    static List<FamilyPlan> smoke(final Timing timing) {
        return List.of(
            FamilyPlan.of("fsync", BENCH + "sync.").param(METHOD, "fdatasync").param(WRITE_SIZE, "4096").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "writesPerCommit").param(BATCH, "16").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "treeSave").param(BATCH, "16").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "committers").param(THREADS, "2").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "groupCommit").param(THREADS, "2").timing(timing));
    }

    /**
     * fdatasync at 4 KiB (the method every store uses) and one store commit on the persistent store and on the mmap
     * log under its three mappings; batching and committers at the points the targets compare (batch 1
     * against 64; one plain committer against 64 through group commit), on the persistent store. 9 cases: the other
     * sync methods, tree saves in batches and 64 plain committers (a fork of 64 threads costs about 8 s) are
     * standard's, and {@code mbench fsync} measures every method and size.
     */
    static List<FamilyPlan> quick(final Timing timing) {
        return List.of(
            FamilyPlan.of("fsync", BENCH + "sync.FsyncBench.write").param(METHOD, "fdatasync")
                .param(WRITE_SIZE, "4096").timing(timing),
            FamilyPlan.of("fsync", BENCH + "sync.FsyncBench.storeCommit").param(STORE, COMMIT_STORES)
                .param(WRITE_SIZE, "4096").timing(timing)
                .defaultStores(concatNames(new String[] {StoreSelection.PREFERRED_PERSISTENT_STORE},
                    StoreSelection.recordLogMappings())),
            FamilyPlan.of("batch", BATCH_BENCH + "writesPerCommit").param(STORE, PERSISTENT_STORES)
                .param(BATCH, "1", "64").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "committers").param(STORE, PERSISTENT_STORES)
                .param(THREADS, "1").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "groupCommit").param(STORE, PERSISTENT_STORES)
                .param(THREADS, "64").timing(timing));
    }

    /**
     * The standard profile's share, 50 cases: every raw method at the page size and at 64 KiB; batches at two sizes
     * on every persistent store; tree saves in batches of 256 on two stores (every engine); one and 64 committers
     * plain, 8 and 64 through group commit, on every persistent store (the in-memory store has nothing to sync).
     */
    static List<FamilyPlan> standard(final Timing timing) {
        return List.of(
            FamilyPlan.of("fsync", BENCH + "sync.FsyncBench.write").param(METHOD, ALL_METHODS)
                .param(WRITE_SIZE, "4096", "65536").timing(timing),
            FamilyPlan.of("fsync", BENCH + "sync.FsyncBench.storeCommit").param(STORE, COMMIT_STORES)
                .param(WRITE_SIZE, "4096").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "writesPerCommit").param(STORE, PERSISTENT_STORES)
                .param(BATCH, "1", "256").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "treeSave").param(STORE, "rocksdb", "mmap")
                .param(BATCH, "256").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "committers").param(STORE, PERSISTENT_STORES)
                .param(THREADS, "1", "64").timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "groupCommit").param(STORE, PERSISTENT_STORES)
                .param(THREADS, "8", "64").timing(timing));
    }

    /** The whole matrix of the issue: every method and size, every batch size, 1 to 64 committers. */
    static List<FamilyPlan> complete(final Timing timing) {
        return List.of(
            FamilyPlan.of("fsync", BENCH + "sync.FsyncBench.write").param(METHOD, ALL_METHODS)
                .param(WRITE_SIZE, ALL_WRITE_SIZES).timing(timing),
            FamilyPlan.of("fsync", BENCH + "sync.FsyncBench.storeCommit").param(STORE, COMMIT_STORES)
                .param(WRITE_SIZE, ALL_WRITE_SIZES).timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "writesPerCommit").param(BATCH, ALL_BATCHES).timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "treeSave").param(STORE, PERSISTENT_STORES)
                .param(BATCH, ALL_BATCHES).timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "committers").param(THREADS, ALL_THREADS).timing(timing),
            FamilyPlan.of("batch", BATCH_BENCH + "groupCommit").param(THREADS, ALL_THREADS).timing(timing));
    }

    /** {@code first} followed by {@code more}, unmodifiable. */
    /** {@code first}, then {@code more}: store lists of a family. */
    static String[] concatNames(final String[] first, final String[] more) {
        final String[] both = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, both, first.length, more.length);
        return both;
    }

    static List<FamilyPlan> concat(final List<FamilyPlan> first, final List<FamilyPlan> more) {
        final List<FamilyPlan> all = new ArrayList<>(first);
        all.addAll(more);
        return List.copyOf(all);
    }
}

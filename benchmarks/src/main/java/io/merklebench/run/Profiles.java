package io.merklebench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.merklebench.results.ResultColumns.BATCH;
import static io.merklebench.results.ResultColumns.BLOCK_SIZE;
import static io.merklebench.results.ResultColumns.DURABLE;
import static io.merklebench.results.ResultColumns.ENGINE;
import static io.merklebench.results.ResultColumns.FAST_INDEX;
import static io.merklebench.results.ResultColumns.KEY_LEN;
import static io.merklebench.results.ResultColumns.SIZE;
import static io.merklebench.results.ResultColumns.STORE;
import static io.merklebench.results.ResultColumns.VALUE_LEN;

/**
 * The profiles of {@code mbench run}. Each is a list of {@link FamilyPlan}s and a default fork count; to add a family
 * to the matrix, add one entry to each profile's list below (family name, JMH package or class, the param values, the
 * timing of one fork).
 *
 * <p>Forks are the replication unit: every case (one benchmark method with one param set) runs in
 * {@link Profile#defaultForks()} fresh JVMs (or {@code --forks}), each its own JMH invocation, interleaved with the
 * other cases' forks, and {@code mbench diff} compares per-fork values. With one fork per case, two back-to-back
 * quick runs called 24% of the rows faster or slower although nothing had changed: the variation between forks (JIT
 * decisions, memory placement, huge pages, neighbours, disk state) was invisible to statistics over the iterations
 * of a single fork. So the profiles trade iterations per fork for forks: a fork costs about 0.85 s before and after
 * its iterations anyway (JVM start, JMH's handshake, teardown; see {@link Progress}), and a third fork tells more
 * about the next run than a tenth iteration in the same JVM. docs/profiles.md has the measured wall times.
 *
 * <p>Sizing, on the 2-core development VM:
 * <ul>
 *   <li>{@code quick}, 3 forks: 3 warmup and 3 measured iterations of 100 ms per fork (sync families 2 x 100 + 3 x
 *       150 ms), 8 + 4 single-shot iterations of 1000 operations; 39 cases with four engines on mem and rocksdb,
 *       about 4 minutes. Cut from the one-fork quick (78 cases): query misses, inserts, removals and the hash family (now
 *       standard's only; at 10k keys the hash rows were too noisy to judge the target), store misses and single
 *       puts, the fsync, O_SYNC and msync raw methods (every method is {@code mbench fsync}'s), batch 1024, tree
 *       saves in batches, one plain and one grouped committer case (64 plain committers and 1 grouped).</li>
 *   <li>{@code standard}, 4 forks (the least that detect a 10% change at 3% noise 8 times in 10): 3 + 4 iterations of
 *       200 ms, 8 + 7 single-shot iterations; 141 cases on every store an engine accepts, estimated 52 minutes.
 *       Loading 1M keys costs 7 to 18 s per fork, so only the targets stay at 1M keys: the TMSP block (1000 tx,
 *       durable) for every engine on every persistent store and the query hit on mmap and pagefile;
 *       everything else runs at 100k keys (queries, updates, inserts on mmap, removals and the hash family in
 *       memory, memory per key on mmap, store baselines of hits and of 1 and 1000 durable puts). The one-fork
 *       standard had 251 cases, 52 of them at 1M keys; besides those it lost misses and removals on mmap, inserts
 *       in memory, hashing 100 dirty leaves, store misses and non-durable or 100-put commits, and in the sync
 *       families the 512-byte writes, two of four batch sizes, tree saves of one write and on leveldb and lmdb,
 *       8 plain committers and 1 grouped committer.</li>
 *   <li>{@code full}: 5 forks, 10M keys, more value lengths, the whole sync matrix: 3584 cases, estimated at
 *       about 380 hours (days; it is the matrix to pick rows from with {@code --filter}).</li>
 * </ul>
 * {@code mbench run --list} prints the cases and the estimate (forks included) for a selection; the estimate corrects
 * itself during a run from the forks already done.
 */
public final class Profiles {
    private static final String BENCH = "io.merklebench.bench.";
    /** In-memory store: families that do not depend on the store (hashing, heap use) run on it only. */
    private static final String MEM = "mem";

    private static final Timing SMOKE_TIMED = Timing.timed(1, 100, 2, 100);

    /** The engines that read nodes (or pages) back from the store as they walk, and so pay the node check per read. */
    private static final String[] CHECKED_ENGINES = {"heap", "paged31", "mpt"};

    public static final Profile SMOKE = new Profile("smoke",
        "seconds: every family once on tiny data (2,000 keys), in-memory store; checks the matrix runs (CI)",
        SyncFamilies.concat(List.of(
            FamilyPlan.of("store", BENCH + "store.").param(SIZE, "2000").param(BATCH, "10")
                .param(DURABLE, "false").timing(SMOKE_TIMED),
            // With and without the fast index (the planner skips it for mpt and flat, which keep none).
            FamilyPlan.of("query", BENCH + "query.").param(SIZE, "2000").param(FAST_INDEX, "false", "true")
                .timing(SMOKE_TIMED),
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(SIZE, "2000").param(BLOCK_SIZE, "10")
                .timing(SMOKE_TIMED),
            FamilyPlan.of("write", BENCH + "write.InsertBench.").param(SIZE, "2000").param(BLOCK_SIZE, "100")
                .timing(Timing.singleShot(2, 2)),
            FamilyPlan.of("remove", BENCH + "remove.").param(SIZE, "2000").param(BLOCK_SIZE, "100")
                .timing(Timing.singleShot(2, 2)),
            FamilyPlan.of("block", BENCH + "block.").param(SIZE, "2000").param(BLOCK_SIZE, "100")
                .timing(Timing.singleShot(2, 2)),
            FamilyPlan.of("hash", BENCH + "hash.").param(STORE, MEM).param(SIZE, "2000").param(BLOCK_SIZE, "10")
                .timing(SMOKE_TIMED),
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, MEM).param(SIZE, "2000")
                .param(FAST_INDEX, "false", "true").timing(Timing.singleShot(0, 1)),
            FamilyPlan.of("check", BENCH + "check.NodeCheckBench.hit").param(ENGINE, CHECKED_ENGINES)
                .param(SIZE, "2000").timing(SMOKE_TIMED),
            FamilyPlan.of("check", BENCH + "check.NodeCheckBench.tx").param(ENGINE, CHECKED_ENGINES)
                .param(SIZE, "2000").param(BLOCK_SIZE, "100").timing(Timing.singleShot(2, 2))),
            SyncFamilies.smoke(SMOKE_TIMED)),
        Profile.DefaultStores.IN_MEMORY, 1);

    /**
     * Per fork: three warmup and three measured iterations of 100 ms. A fork costs about 1 s before its first
     * iteration anyway, so longer measured iterations would buy little precision per second; a third fork buys more.
     * The warmup may not be shorter: with one 100 ms warmup iteration the first measured iteration of a query was
     * still 1.5 to 2.2 times the third (the JIT was still compiling), and the forks disagreed by 17% (median
     * between-fork noise of the rows) in the first quick run with forks on this VM.
     */
    private static final Timing QUICK_TIMED = Timing.timed(3, 100, 3, 100);
    /**
     * An iteration is 1000 operations (20 ms to 1 s): 8 warmup iterations (for the fastest engines about 0.2 s of
     * code to compile), then 4 measured per fork, 12 over the 3 forks.
     */
    private static final Timing QUICK_SINGLE_SHOT = Timing.singleShot(8, 4);
    /** A sync costs 0.1 to 5 ms: 150 ms iterations still hold tens to hundreds of them. */
    private static final Timing QUICK_SYNC = Timing.timed(2, 100, 3, 150);
    /**
     * Trees of 10k keys in quick: loading 100k keys in a fresh fork took 5 s (heap) to 15 s (paged) here, which
     * alone would take quick past 10 minutes; larger trees are standard's job.
     */
    private static final String QUICK_TREE_SIZE = "10000";

    /**
     * The tree engines of quick: paged15 is standard's (it differs from paged31 in page fanout only), so that the
     * peers fit in quick's five minutes; the memory family measures the IAVL layouts only there.
     */
    private static final String[] QUICK_ENGINES = {"heap", "array", "paged31", "mpt", "flat"};
    private static final String[] QUICK_MEMORY_ENGINES = {"heap", "array", "paged31"};

    public static final Profile QUICK = new Profile("quick",
        "about 5 minutes on 2 cores, 3 forks per case: trees of 10k keys, block size 100, durable saves; every"
            + " engine on mem and one persistent store; store reads and commits of the mmap log under its three"
            + " mappings",
        SyncFamilies.concat(List.of(
            // Store baselines: flat, the store alone, is the baseline of every tree row on the same store (its get
            // and its save are the store's), so quick runs the store family only where it compares stores that the
            // tree families leave out: the mmap record log under its three mappings (JDK, Agrona, Chronicle Bytes),
            // read on the trees' data (10k keys, 16-byte keys, 40-byte values). Their durable commits are the fsync
            // family's storeCommit. A miss costs what a hit costs on these stores: hits only.
            FamilyPlan.of("store", BENCH + "store.StoreGetBench.getHit").param(SIZE, QUICK_TREE_SIZE)
                .param(KEY_LEN, "16").param(VALUE_LEN, "40").timing(QUICK_TIMED)
                .defaultStores(StoreSelection.recordLogMappings()),
            // Misses, inserts, removals and the hash family are standard's: a miss walks as deep as a hit, an
            // insert's save is the update's and the block's, a removal costs an update's walk and rebalancing, and
            // at 10k keys the hash rows were too noisy to judge the target.
            FamilyPlan.of("query", BENCH + "query.QueryBench.hit").param(ENGINE, QUICK_ENGINES)
                .param(SIZE, QUICK_TREE_SIZE).timing(QUICK_TIMED),
            // The floor the hits are set against: a dependent access in a buffer as large as the tree.
            FamilyPlan.of("query", BENCH + "query.LatencyFloorBench.latencyFloor").param(SIZE, QUICK_TREE_SIZE)
                .timing(QUICK_TIMED),
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(ENGINE, QUICK_ENGINES)
                .param(SIZE, QUICK_TREE_SIZE).param(BLOCK_SIZE, "100").param(DURABLE, "true").timing(QUICK_TIMED),
            FamilyPlan.of("block", BENCH + "block.").param(ENGINE, QUICK_ENGINES).param(SIZE, QUICK_TREE_SIZE)
                .param(BLOCK_SIZE, "100").param(DURABLE, "true").timing(QUICK_SINGLE_SHOT),
            // Bytes per key (MemoryBench) and what holds them (HeapBreakdownBench, in one fork: PlannedCase#forksIn).
            FamilyPlan.of("memory", BENCH + "memory.").param(ENGINE, QUICK_MEMORY_ENGINES).param(STORE, MEM)
                .param(SIZE, QUICK_TREE_SIZE)
                .timing(Timing.singleShot(0, 1))), SyncFamilies.quick(QUICK_SYNC)),
        Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT, 3);

    /**
     * Per fork 3 + 4 iterations of 200 ms: 12 measured iterations over 3 forks instead of 5 in one. Three warmup
     * iterations, as in quick: with one, the first measured iteration of a fork was often still compiling.
     */
    private static final Timing STANDARD_TIMED = Timing.timed(3, 200, 4, 200);
    /** 1000 operations an iteration, up to 1 s for the paged engines' durable blocks: 8 + 7 per fork. */
    private static final Timing STANDARD_SINGLE_SHOT = Timing.singleShot(8, 7);
    private static final Timing STANDARD_SYNC = Timing.timed(2, 150, 3, 200);
    /** Tree size of standard's tree families, except the targets at {@link #STANDARD_TARGET_SIZE}. */
    private static final String STANDARD_SIZE = "100000";
    /**
     * The targets' size: the TMSP block on every persistent store and the query hit. Loading 1M keys in a fresh
     * fork takes 7 to 18 s, so every other family stays at 100k keys: with 4 forks each 1M case costs about a
     * minute.
     */
    private static final String STANDARD_TARGET_SIZE = "1000000";
    /**
     * Where standard runs the tree families on disk: the mmap record log, the one key-value store every engine then
     * uses the same way, and the stores of tree pages (the paged engines' own page file), so heap and array compare
     * with the paged engines on one store and the paged engines with themselves on their own file.
     */
    private static final String[] STANDARD_DISK_STORES = StoreSelection.withPageStores("mmap");
    /** The tree families: in memory and {@link #STANDARD_DISK_STORES}. Block cycles run on every persistent store. */
    private static final String[] STANDARD_TREE_STORES = StoreSelection.withPageStores(MEM, "mmap");
    /**
     * Every registered persistent store but the mmap log's mapping variants (mmap stands for them); the planner skips
     * those an engine cannot use (heap on pagefile).
     */
    private static final String[] PERSISTENT_STORES = StoreSelection.persistentForTrees();
    /**
     * The engines standard runs on every store it names: all but mpt, whose fork loads 1M keys in about 150 s and
     * 100k in about 15 s ({@link Progress#SLOW_LOADING_SECONDS_PER_KEY}), 13 times the others; everywhere with 4
     * forks it would take standard to 80 minutes (estimate). In standard, mpt runs query hits and updates in memory
     * at 100k keys, and flat everything but the 1M-key query, with its 1M-key block on {@link #STANDARD_PEER_STORE}
     * only. The peers' 1M-key comparison (issue 22) is its own plan: {@code mbench run --like
     * results/vm/20261203T062257Z} (block, query hit, update and memory of array, mpt and flat on lmdb, 2 forks,
     * about 30 minutes here).
     */
    private static final String[] ENGINES_EVERYWHERE = {"heap", "array", "paged15", "paged31"};
    private static final String[] ENGINES_EVERYWHERE_AND_FLAT = {"heap", "array", "paged15", "paged31", "flat"};
    /** The store of the peers' 1M-key blocks: LMDB, where array's block was fastest in the standard runs. */
    private static final String STANDARD_PEER_STORE = "lmdb";

    /** What standard measures the node check on. */
    private static final String[] CHECK_ENGINES = {"heap", "paged31"};
    private static final String[] CHECK_STORES = {"rocksdb"};

    public static final Profile STANDARD = new Profile("standard",
        "under an hour on 2 cores, 4 forks per case: trees of 100k keys in memory, on the mmap store and (paged"
            + " engines) on pagefile, the TMSP block (1000 tx) at 1M keys on every persistent store and query hits at"
            + " 1M keys, store baselines, fsync and group commit",
        SyncFamilies.concat(List.of(
            // Store baselines on the trees' data (16-byte keys, 40-byte values), at the trees' size: hits on every
            // store, and durable puts of one and of a block's worth of writes (the in-memory store's are not
            // durable) on all but the mmap log's mapping variants, whose durable commit is the fsync family's.
            FamilyPlan.of("store", BENCH + "store.StoreGetBench.getHit").param(SIZE, STANDARD_SIZE)
                .param(KEY_LEN, "16").param(VALUE_LEN, "40").timing(STANDARD_TIMED),
            FamilyPlan.of("store", BENCH + "store.StorePutBench.").param(STORE, StoreSelection.allButMappingVariants())
                .param(SIZE, STANDARD_SIZE).param(KEY_LEN, "16")
                .param(VALUE_LEN, "40").param(BATCH, "1", "1000").param(DURABLE, "true").timing(STANDARD_TIMED),
            FamilyPlan.of("query", BENCH + "query.QueryBench.hit").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT)
                .param(STORE, STANDARD_TREE_STORES).param(SIZE, STANDARD_SIZE).timing(STANDARD_TIMED),
            FamilyPlan.of("query", BENCH + "query.QueryBench.hit").param(ENGINE, "mpt").param(STORE, MEM)
                .param(SIZE, STANDARD_SIZE).timing(STANDARD_TIMED),
            FamilyPlan.of("query", BENCH + "query.QueryBench.miss").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT)
                .param(STORE, MEM).param(SIZE, STANDARD_SIZE).timing(STANDARD_TIMED),
            FamilyPlan.of("query", BENCH + "query.LatencyFloorBench.latencyFloor")
                .param(SIZE, STANDARD_SIZE, STANDARD_TARGET_SIZE).timing(STANDARD_TIMED),
            // The query target at 1M keys: on the mmap record log (every engine) and the page file (paged engines).
            FamilyPlan.of("query", BENCH + "query.QueryBench.hit").param(ENGINE, ENGINES_EVERYWHERE)
                .param(STORE, STANDARD_DISK_STORES).param(SIZE, STANDARD_TARGET_SIZE).timing(STANDARD_TIMED),
            // Saved every 1000 updates, durably on disk: the figure per op includes the save, its syncs and bytes.
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT)
                .param(STORE, STANDARD_TREE_STORES).param(SIZE, STANDARD_SIZE).param(BLOCK_SIZE, "1000")
                .param(DURABLE, "true").timing(STANDARD_TIMED),
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(ENGINE, "mpt").param(STORE, MEM)
                .param(SIZE, STANDARD_SIZE).param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(STANDARD_TIMED),
            FamilyPlan.of("write", BENCH + "write.InsertBench.").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT)
                .param(STORE, "mmap").param(SIZE, STANDARD_SIZE).param(BLOCK_SIZE, "1000").param(DURABLE, "true")
                .timing(STANDARD_SINGLE_SHOT),
            FamilyPlan.of("remove", BENCH + "remove.").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT).param(STORE, MEM)
                .param(SIZE, STANDARD_SIZE)
                .param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(STANDARD_SINGLE_SHOT),
            // The TMSP target: durable, 1M keys, 1000 tx per block, every engine on every persistent store.
            FamilyPlan.of("block", BENCH + "block.").param(ENGINE, ENGINES_EVERYWHERE)
                .param(STORE, PERSISTENT_STORES).param(SIZE, STANDARD_TARGET_SIZE)
                .param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(STANDARD_SINGLE_SHOT),
            FamilyPlan.of("block", BENCH + "block.").param(ENGINE, "flat").param(STORE, STANDARD_PEER_STORE)
                .param(SIZE, STANDARD_TARGET_SIZE).param(BLOCK_SIZE, "1000").param(DURABLE, "true")
                .timing(STANDARD_SINGLE_SHOT),
            // The hash target at the ends of the range: one dirty leaf and a block's 1000.
            FamilyPlan.of("hash", BENCH + "hash.HashBench.dirtyLeaves").param(STORE, MEM).param(SIZE, STANDARD_SIZE)
                .param(BLOCK_SIZE, "1", "1000").timing(STANDARD_TIMED),
            FamilyPlan.of("hash", BENCH + "hash.HashBench.setOnly").param(STORE, MEM).param(SIZE, STANDARD_SIZE)
                .param(BLOCK_SIZE, "1", "1000").timing(STANDARD_TIMED),
            FamilyPlan.of("hash", BENCH + "hash.HashBench.sha256Floor").param(ENGINE, "heap").param(STORE, MEM)
                .param(SIZE, STANDARD_SIZE).param(BLOCK_SIZE, "1", "1000").timing(STANDARD_TIMED),
            // On disk: the heap an engine keeps (nothing of the store is on the heap) and the bytes on disk per key.
            FamilyPlan.of("memory", BENCH + "memory.MemoryBench.").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT)
                .param(STORE, STANDARD_DISK_STORES).param(SIZE, STANDARD_SIZE)
                .timing(Timing.singleShot(0, 1)),
            // What holds the heap, and how it grows with the tree: in memory, where the class histograms tell the
            // store's part from the engine's exactly (docs/profiling.md), one fork a case (PlannedCase#forksIn), the
            // IAVL engines and flat at 10k and 100k keys (about 16 s). Not at 1M keys (13 s a fork, 65 s for the
            // five engines) nor mpt (16 s at 100k): standard's hour has no room left; the full profile's breakdown
            // at 1M keys is `mbench run --profile full --filter '^memory.breakdown .*size=1000000 '`.
            FamilyPlan.of("memory", BENCH + "memory.HeapBreakdownBench.").param(ENGINE, ENGINES_EVERYWHERE_AND_FLAT)
                .param(STORE, MEM).param(SIZE, QUICK_TREE_SIZE, STANDARD_SIZE).timing(Timing.singleShot(0, 1)),
            // The node check's cost (checked / unchecked), with reads reaching the store: heap (a node per read) and
            // paged31 (a page per read) on rocksdb. mpt's runs in smoke only: at 100k keys its forks load for 15 s
            // each, which standard's hour has no room for.
            FamilyPlan.of("check", BENCH + "check.NodeCheckBench.hit").param(ENGINE, CHECK_ENGINES)
                .param(STORE, CHECK_STORES).param(SIZE, STANDARD_SIZE).timing(STANDARD_TIMED),
            FamilyPlan.of("check", BENCH + "check.NodeCheckBench.tx").param(ENGINE, CHECK_ENGINES)
                .param(STORE, CHECK_STORES).param(SIZE, STANDARD_SIZE).param(BLOCK_SIZE, "1000")
                .param(DURABLE, "true").timing(STANDARD_SINGLE_SHOT)), SyncFamilies.standard(STANDARD_SYNC)),
        Profile.DefaultStores.ALL, 4);

    private static final Timing FULL_TIMED = Timing.timed(5, 1000, 10, 1000);
    private static final Timing FULL_SINGLE_SHOT = Timing.singleShot(30, 20);
    private static final String[] FULL_SIZES = {"10000", "100000", "1000000", "10000000"};

    public static final Profile FULL = new Profile("full",
        "days: 10k to 10M keys, key lengths 16 and 32, value lengths 40 to 1000, block sizes 1 to 1000, 5 forks",
        SyncFamilies.concat(List.of(
            FamilyPlan.of("store", BENCH + "store.").param(SIZE, "100000", "1000000").param(KEY_LEN, "16")
                .param(VALUE_LEN, "100", "1000").param(BATCH, "1", "100", "1000").param(DURABLE, "true", "false")
                .timing(FULL_TIMED),
            FamilyPlan.of("query", BENCH + "query.").param(SIZE, FULL_SIZES).param(KEY_LEN, "16", "32")
                .param(FAST_INDEX, "false", "true").timing(FULL_TIMED),
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(SIZE, FULL_SIZES)
                .param(BLOCK_SIZE, "1", "10", "100", "1000").param(DURABLE, "true", "false").timing(FULL_TIMED),
            // Long values only up to 1M keys: 10M keys of 1000 bytes would not fit the heap of an in-memory store.
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(SIZE, "1000000").param(VALUE_LEN, "100", "1000")
                .param(BLOCK_SIZE, "100").param(DURABLE, "true").timing(FULL_TIMED),
            FamilyPlan.of("write", BENCH + "write.InsertBench.").param(SIZE, FULL_SIZES)
                .param(BLOCK_SIZE, "1", "100", "1000").param(DURABLE, "true", "false").timing(FULL_SINGLE_SHOT),
            FamilyPlan.of("remove", BENCH + "remove.").param(SIZE, FULL_SIZES).param(BLOCK_SIZE, "1", "100", "1000")
                .param(DURABLE, "true", "false").timing(FULL_SINGLE_SHOT),
            FamilyPlan.of("block", BENCH + "block.").param(SIZE, FULL_SIZES).param(KEY_LEN, "16", "32")
                .param(BLOCK_SIZE, "1", "10", "100", "1000").param(DURABLE, "true", "false").timing(FULL_SINGLE_SHOT),
            FamilyPlan.of("block", BENCH + "block.").param(SIZE, "1000000").param(VALUE_LEN, "100", "1000")
                .param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(FULL_SINGLE_SHOT),
            FamilyPlan.of("hash", BENCH + "hash.").param(STORE, MEM).param(SIZE, FULL_SIZES)
                .param(BLOCK_SIZE, "1", "10", "100", "1000").timing(FULL_TIMED),
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, MEM).param(SIZE, FULL_SIZES)
                .param(FAST_INDEX, "false", "true").timing(Timing.singleShot(0, 3)),
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, MEM).param(SIZE, "1000000")
                .param(VALUE_LEN, "1000").timing(Timing.singleShot(0, 3))), SyncFamilies.complete(FULL_TIMED)),
        Profile.DefaultStores.ALL, 5);

    private static final Map<String, Profile> BY_NAME = byName(SMOKE, QUICK, STANDARD, FULL);

    private Profiles() {
    }

    /** Profile names in order of duration. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** @throws IllegalArgumentException {@code unknown profile 'x'; expected one of: smoke, quick, standard, full} */
    public static Profile named(final String name) {
        final Profile profile = BY_NAME.get(name);
        if (profile == null) {
            throw new IllegalArgumentException("unknown profile '" + name + "'; expected one of: "
                + String.join(", ", BY_NAME.keySet()));
        }
        return profile;
    }

    private static Map<String, Profile> byName(final Profile... profiles) {
        final Map<String, Profile> map = new LinkedHashMap<>();
        for (final Profile profile : profiles) {
            map.put(profile.name(), profile);
        }
        return map;
    }
}

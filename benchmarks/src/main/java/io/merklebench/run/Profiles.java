package io.merklebench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.merklebench.results.ResultColumns.BATCH;
import static io.merklebench.results.ResultColumns.BLOCK_SIZE;
import static io.merklebench.results.ResultColumns.DURABLE;
import static io.merklebench.results.ResultColumns.ENGINE;
import static io.merklebench.results.ResultColumns.KEY_LEN;
import static io.merklebench.results.ResultColumns.SIZE;
import static io.merklebench.results.ResultColumns.STORE;
import static io.merklebench.results.ResultColumns.VALUE_LEN;

/**
 * The profiles of {@code mbench run}. Each is a list of {@link FamilyPlan}s; to add a family to the matrix, add one
 * entry to each profile's list below (family name, JMH package or class, the param values, the timing).
 *
 * <p>Sizing, on the 2-core machine the toolkit was written on: a case (one benchmark method with one param set) costs
 * one forked JVM (1 to 2 s to start, load classes and reach JMH's first iteration), its setup (loading {@code size}
 * keys in a fresh JVM, saved once per million keys: 15 to 35 s per 1M keys, see {@link Progress}), then warmup plus
 * measurement. {@code quick} keeps a case near 3 s (trees of 10k keys, 0.9 s of timed iterations, 15 single-shot
 * blocks): 74 cases with four engines on mem and rocksdb, fsync and batch included, aiming at 5 minutes.
 * {@code standard} (0.5 s iterations) runs 100k and 1M keys on mem and mmap (and the paged engines on pagefile), the
 * block target on every persistent store an engine can use and a trimmed sync matrix: about 240 cases, estimated 45
 * minutes. {@code mbench run --list} prints the cases and the estimate for a selection; the estimate corrects itself
 * during a run from the cases already done.
 * {@code full} adds 10M keys, more value lengths, the whole sync matrix and 3 forks (hours).
 */
public final class Profiles {
    private static final String BENCH = "io.merklebench.bench.";
    /** In-memory store: families that do not depend on the store (hashing, heap use) run on it only. */
    private static final String MEM = "mem";

    public static final Profile SMOKE = new Profile("smoke",
        "seconds: every family once on tiny data (2,000 keys), in-memory store; checks the matrix runs (CI)",
        SyncFamilies.concat(List.of(
            FamilyPlan.of("store", BENCH + "store.").param(SIZE, "2000").param(BATCH, "10")
                .param(DURABLE, "false").timing(Timing.timed(1, 100, 2, 100, 1)),
            FamilyPlan.of("query", BENCH + "query.").param(SIZE, "2000").timing(Timing.timed(1, 100, 2, 100, 1)),
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(SIZE, "2000").param(BLOCK_SIZE, "10")
                .timing(Timing.timed(1, 100, 2, 100, 1)),
            FamilyPlan.of("write", BENCH + "write.InsertBench.").param(SIZE, "2000").param(BLOCK_SIZE, "100")
                .timing(Timing.singleShot(2, 2, 1)),
            FamilyPlan.of("remove", BENCH + "remove.").param(SIZE, "2000").param(BLOCK_SIZE, "100")
                .timing(Timing.singleShot(2, 2, 1)),
            FamilyPlan.of("block", BENCH + "block.").param(SIZE, "2000").param(BLOCK_SIZE, "100")
                .timing(Timing.singleShot(2, 2, 1)),
            FamilyPlan.of("hash", BENCH + "hash.").param(STORE, MEM).param(SIZE, "2000").param(BLOCK_SIZE, "10")
                .timing(Timing.timed(1, 100, 2, 100, 1)),
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, MEM).param(SIZE, "2000")
                .timing(Timing.singleShot(0, 1, 1))), SyncFamilies.smoke(Timing.timed(1, 100, 2, 100, 1))),
        Profile.DefaultStores.IN_MEMORY);

    private static final Timing QUICK_TIMED = Timing.timed(2, 150, 4, 150, 1);
    private static final Timing QUICK_SINGLE_SHOT = Timing.singleShot(5, 10, 1);
    /**
     * Trees of 10k keys in quick: loading 100k keys in a fresh fork took 5 s (heap) to 15 s (paged) here, which
     * alone would take quick past 10 minutes; larger trees are standard's job.
     */
    private static final String QUICK_TREE_SIZE = "10000";

    public static final Profile QUICK = new Profile("quick",
        "about 5 minutes on 2 cores: trees of 10k keys, block size 100, durable saves, store baselines on the same data;"
            + " every engine on mem and one persistent store",
        SyncFamilies.concat(List.of(
            // The tree rows of quick are all durable: their store baseline is the durable put.
            // Store baselines on the trees' data (10k keys, 16-byte keys, 40-byte values), so each tree row reads as
            // a ratio to the raw store.
            FamilyPlan.of("store", BENCH + "store.").param(SIZE, QUICK_TREE_SIZE).param(KEY_LEN, "16")
                .param(VALUE_LEN, "40").param(BATCH, "1", "100").param(DURABLE, "true").timing(QUICK_TIMED),
            FamilyPlan.of("query", BENCH + "query.QueryBench.hit").param(SIZE, QUICK_TREE_SIZE).timing(QUICK_TIMED),
            // A miss walks as deep as a hit; on the persistent store it would only repeat the hit's page reads.
            FamilyPlan.of("query", BENCH + "query.QueryBench.miss").param(STORE, MEM).param(SIZE, QUICK_TREE_SIZE)
                .timing(QUICK_TIMED),
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(SIZE, QUICK_TREE_SIZE).param(BLOCK_SIZE, "100")
                .param(DURABLE, "true").timing(QUICK_TIMED),
            FamilyPlan.of("write", BENCH + "write.InsertBench.").param(SIZE, QUICK_TREE_SIZE).param(BLOCK_SIZE, "100")
                .param(DURABLE, "true").timing(QUICK_SINGLE_SHOT),
            // Removal costs what an update's path walk and rebalancing cost: in memory only, to keep quick short.
            FamilyPlan.of("remove", BENCH + "remove.").param(STORE, MEM).param(SIZE, QUICK_TREE_SIZE)
                .param(BLOCK_SIZE, "100").param(DURABLE, "true").timing(QUICK_SINGLE_SHOT),
            FamilyPlan.of("block", BENCH + "block.").param(SIZE, QUICK_TREE_SIZE).param(BLOCK_SIZE, "100")
                .param(DURABLE, "true").timing(QUICK_SINGLE_SHOT),
            // dirtyLeaves and setOnly: their difference is the engine's hashing cost, compared with the floor.
            FamilyPlan.of("hash", BENCH + "hash.HashBench.dirtyLeaves").param(STORE, MEM).param(SIZE, QUICK_TREE_SIZE)
                .param(BLOCK_SIZE, "100").timing(QUICK_TIMED),
            FamilyPlan.of("hash", BENCH + "hash.HashBench.setOnly").param(STORE, MEM).param(SIZE, QUICK_TREE_SIZE)
                .param(BLOCK_SIZE, "100").timing(QUICK_TIMED),
            // The floor hashes the same bytes whatever the engine (all engines hash alike): once, on heap's tree.
            FamilyPlan.of("hash", BENCH + "hash.HashBench.sha256Floor").param(ENGINE, "heap").param(STORE, MEM)
                .param(SIZE, QUICK_TREE_SIZE).param(BLOCK_SIZE, "100").timing(QUICK_TIMED),
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, MEM).param(SIZE, QUICK_TREE_SIZE)
                .timing(Timing.singleShot(0, 1, 1))), SyncFamilies.quick(Timing.timed(1, 200, 3, 300, 1))),
        Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT);

    private static final Timing STANDARD_TIMED = Timing.timed(2, 500, 5, 500, 1);
    private static final Timing STANDARD_SINGLE_SHOT = Timing.singleShot(20, 15, 1);
    /** The two tree sizes of standard: the issues' 100k and 1M keys. */
    private static final String[] STANDARD_SIZES = {"100000", "1000000"};
    /**
     * Where standard runs the tree families on disk: the mmap record log, the one key-value store every engine then
     * uses the same way, and the stores of tree pages (the paged engines' own page file), so heap and array compare
     * with the paged engines on one store and the paged engines with themselves on their own file.
     */
    private static final String[] STANDARD_DISK_STORES = StoreSelection.withPageStores("mmap");
    /** The tree families: in memory and {@link #STANDARD_DISK_STORES}. Block cycles run on every persistent store. */
    private static final String[] STANDARD_TREE_STORES = StoreSelection.withPageStores(MEM, "mmap");
    /** Every registered persistent store; the planner skips those an engine cannot use (heap on pagefile). */
    private static final String[] PERSISTENT_STORES = StoreSelection.persistent();

    public static final Profile STANDARD = new Profile("standard",
        "under an hour on 2 cores: trees of 100k and 1M keys in memory, on the mmap store and (paged engines) on"
            + " pagefile, block cycles of 1000 tx at 1M keys on every persistent store, store baselines, fsync and group"
            + " commit",
        SyncFamilies.concat(List.of(
            // Store baselines on the trees' data (16-byte keys, 40-byte values), at the smaller tree size.
            FamilyPlan.of("store", BENCH + "store.").param(SIZE, "100000").param(KEY_LEN, "16")
                .param(VALUE_LEN, "40").param(BATCH, "1", "100", "1000").param(DURABLE, "true", "false")
                .timing(STANDARD_TIMED),
            FamilyPlan.of("query", BENCH + "query.").param(STORE, STANDARD_TREE_STORES).param(SIZE, STANDARD_SIZES)
                .timing(STANDARD_TIMED),
            // Saved every 1000 updates, durably on disk: the figure per op includes the save, its syncs and bytes.
            FamilyPlan.of("write", BENCH + "write.UpdateBench.").param(STORE, STANDARD_TREE_STORES)
                .param(SIZE, STANDARD_SIZES).param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(STANDARD_TIMED),
            FamilyPlan.of("write", BENCH + "write.InsertBench.").param(STORE, STANDARD_TREE_STORES)
                .param(SIZE, STANDARD_SIZES).param(BLOCK_SIZE, "1000").param(DURABLE, "true")
                .timing(STANDARD_SINGLE_SHOT),
            FamilyPlan.of("remove", BENCH + "remove.").param(STORE, STANDARD_TREE_STORES).param(SIZE, "100000")
                .param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(STANDARD_SINGLE_SHOT),
            // The TMSP target: durable, 1M keys, 1000 tx per block, every engine on every persistent store.
            FamilyPlan.of("block", BENCH + "block.").param(STORE, PERSISTENT_STORES).param(SIZE, "1000000")
                .param(BLOCK_SIZE, "1000").param(DURABLE, "true").timing(STANDARD_SINGLE_SHOT),
            FamilyPlan.of("hash", BENCH + "hash.HashBench.dirtyLeaves").param(STORE, MEM).param(SIZE, "100000")
                .param(BLOCK_SIZE, "1", "100", "1000").timing(STANDARD_TIMED),
            FamilyPlan.of("hash", BENCH + "hash.HashBench.setOnly").param(STORE, MEM).param(SIZE, "100000")
                .param(BLOCK_SIZE, "1", "100", "1000").timing(STANDARD_TIMED),
            FamilyPlan.of("hash", BENCH + "hash.HashBench.sha256Floor").param(ENGINE, "heap").param(STORE, MEM)
                .param(SIZE, "100000").param(BLOCK_SIZE, "1", "100", "1000").timing(STANDARD_TIMED),
            // On disk: the heap an engine keeps (nothing of the store is on the heap) and the bytes on disk per key.
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, STANDARD_DISK_STORES).param(SIZE, STANDARD_SIZES)
                .timing(Timing.singleShot(0, 1, 1))), SyncFamilies.standard(STANDARD_TIMED)),
        Profile.DefaultStores.ALL);

    private static final Timing FULL_TIMED = Timing.timed(5, 1000, 10, 1000, 3);
    private static final Timing FULL_SINGLE_SHOT = Timing.singleShot(30, 20, 3);
    private static final String[] FULL_SIZES = {"10000", "100000", "1000000", "10000000"};

    public static final Profile FULL = new Profile("full",
        "hours: 10k to 10M keys, key lengths 16 and 32, value lengths 40 to 1000, block sizes 1 to 1000, 3 forks",
        SyncFamilies.concat(List.of(
            FamilyPlan.of("store", BENCH + "store.").param(SIZE, "100000", "1000000").param(KEY_LEN, "16")
                .param(VALUE_LEN, "100", "1000").param(BATCH, "1", "100", "1000").param(DURABLE, "true", "false")
                .timing(FULL_TIMED),
            FamilyPlan.of("query", BENCH + "query.").param(SIZE, FULL_SIZES).param(KEY_LEN, "16", "32")
                .timing(FULL_TIMED),
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
                .timing(Timing.singleShot(0, 3, 1)),
            FamilyPlan.of("memory", BENCH + "memory.").param(STORE, MEM).param(SIZE, "1000000")
                .param(VALUE_LEN, "1000").timing(Timing.singleShot(0, 3, 1))), SyncFamilies.complete(FULL_TIMED)),
        Profile.DefaultStores.ALL);

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

package io.merklebench.bench;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;

/**
 * The engine and store under test: a tree opened in a fresh trial directory and loaded with the workload's
 * {@code size} keys before anything is measured. Benchmarks call {@link #openLoaded} from their own
 * {@code @Setup(Level.Trial)} (they decide {@code durable}); the tree is closed and its directory destroyed at the
 * end of the trial.
 *
 * <p>The tree keeps the {@value #KEEP_RECENT_VERSIONS} latest versions, as a pruning node would: with every version
 * kept, a long measurement of saves would fill the heap (an in-memory store) or the disk with old nodes, and the
 * figures would drift with the run's length.
 *
 * <p>Every engine may keep the whole loaded tree in memory: the node cache is sized by {@link #nodeCacheFor} (heap's
 * default of 100k nodes would hold a tenth of a 1M-key tree, and its figures would measure the store's reads and node
 * decoding instead of the object layout; {@code array} always holds every node). Engines that bound their memory in
 * other ways (the paged engines' page cache) derive their bound from the same option.
 *
 * <p>Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
public class TreeState {
    /** Versions kept readable; older ones are deleted at save. */
    public static final int KEEP_RECENT_VERSIONS = 2;
    /**
     * Keys set per saved version while loading. Each save writes every node its version changed, and with random keys
     * a save of k keys rewrites about k log2(size / k) upper nodes as well: loading 1M keys in versions of 10k wrote
     * some 8M nodes and took 70 to 150 s per case here, in one version 2M nodes and 15 to 35 s. Bounded, so the
     * batch of one save stays a few hundred MB whatever the size.
     */
    public static final int LOAD_KEYS_PER_VERSION = 1_000_000;

    /** Tree engine, a registry name ({@code heap}, {@code array}, {@code paged15}, {@code paged31}). */
    @Param("heap")
    public String engine;

    /**
     * Store, a registry name ({@code mem}, {@code rocksdb}, {@code leveldb}, {@code lmdb}, {@code mmap}; also
     * {@code pagefile} for the paged engines).
     */
    @Param("mem")
    public String store;

    /**
     * Whether gets on the latest state are answered from the engine's fast index ({@code TreeOptions.fastIndex}):
     * only engines that keep one (heap, array, paged15, paged31; {@code mbench run} skips the others). Off by
     * default, so every row recorded before the param means what it meant.
     */
    @Param("false")
    public boolean fastIndex;

    private MerkleTree tree;
    private Path directory;
    private TreeOptions options;

    /**
     * Opens the tree and loads keys {@code 0 .. size-1} (value variant 0), saving every
     * {@value #LOAD_KEYS_PER_VERSION} keys and once at the end.
     */
    public MerkleTree openLoaded(final Workload workload, final boolean durable, final BenchmarkParams params) {
        workload.validate();
        directory = TrialDirectory.create(params, "tree");
        options = TreeOptions.DEFAULTS.withDurable(durable).withKeepRecent(KEEP_RECENT_VERSIONS)
            .withNodeCacheSize(nodeCacheFor(workload.size)).withFastIndex(fastIndex);
        tree = Registry.openTree(engine, store, directory, StoreOptions.DEFAULTS, options);
        requireLabels(tree, engine, store, fastIndex);
        for (long index = 0; index < workload.size; index++) {
            tree.set(workload.key(index), workload.value(index, 0));
            if ((index + 1) % LOAD_KEYS_PER_VERSION == 0) {
                tree.save();
            }
        }
        tree.save();
        if (tree.size() != workload.size) {
            throw new IllegalStateException("tree holds " + tree.size() + " keys after loading: size=" + workload.size
                + " engine=" + engine + " store=" + store);
        }
        return tree;
    }

    /**
     * Node cache bound for a tree of {@code size} keys: its {@code 2 size - 1} nodes, as many again for the nodes
     * the {@value #KEEP_RECENT_VERSIONS} kept versions and the measured writes replace, plus a floor for small trees.
     */
    static int nodeCacheFor(final long size) {
        return (int)Math.min(Integer.MAX_VALUE, 4 * size + NODE_CACHE_FLOOR);
    }

    private static final int NODE_CACHE_FLOOR = 100_000;

    /**
     * Closes the loaded tree and opens it again from its store with a node cache of {@code nodeCacheSize} nodes and
     * node checks on or off: for benchmarks of what reading nodes back from the store costs.
     */
    public MerkleTree reopen(final int nodeCacheSize, final boolean checkNodes) {
        closeTree();
        options = options.withNodeCacheSize(nodeCacheSize).withCheckNodes(checkNodes);
        tree = Registry.openTree(engine, store, directory, StoreOptions.DEFAULTS, options);
        return tree;
    }

    /** The trial directory the store lives in; {@code null} before {@link #openLoaded} and after the trial. */
    public Path directory() {
        return directory;
    }

    public MerkleTree tree() {
        return tree;
    }

    /**
     * Closes the tree but keeps its directory, and with it what the store holds (an in-memory store keeps its
     * contents until destroyed): the memory benchmark reads the heap in between.
     */
    public void closeTree() {
        if (tree != null) {
            final MerkleTree closing = tree;
            tree = null;
            closing.close();
        }
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void closeAndDestroy() {
        try {
            if (tree != null) {
                tree.close();
            }
        } finally {
            tree = null;
            TrialDirectory.destroy(store, directory);
            directory = null;
        }
    }

    /**
     * A result row's engine and store labels are the JMH params; this makes sure they name what actually runs
     * (a factory that silently opened another store would mislabel every row).
     */
    static void requireLabels(final MerkleTree tree, final String engineName, final String storeName,
                              final boolean fastIndex) {
        if (!tree.engine().equals(engineName) || !tree.store().kind().equals(storeName)
            || tree.usesFastIndex() != fastIndex) {
            throw new IllegalStateException("asked for engine=" + engineName + " store=" + storeName
                + " fastIndex=" + fastIndex + " but opened engine=" + tree.engine() + " store=" + tree.store().kind()
                + " fastIndex=" + tree.usesFastIndex());
        }
    }
}

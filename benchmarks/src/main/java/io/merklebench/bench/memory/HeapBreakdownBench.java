package io.merklebench.bench.memory;

import io.merklebench.array.ArrayTree;
import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.results.HeapGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;
import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
/*
 * Question: what holds the heap of a loaded tree of `size` keys: node objects, node arrays, key and value bytes,
 * hashes, caches, the store's contents? (MemoryBench says how many bytes per key; this says what they are.)
 *
 * Expected: heap's bytes are mostly node objects (headers, references and fields of two HeapNodes a key), the
 * cache's entries and small byte arrays; array's are its record and hash pages and its arena; an in-memory store
 * holds a copy of every saved node besides.
 *
 * Measured (not a time): class histograms of the live heap (HotSpot's GC.class_histogram, each after a full GC)
 * before opening, with the loaded and saved tree open, and after closing it (what remains is the store's: an
 * in-memory store keeps its contents until destroyed). engine = open - closed, store = closed - before, per class;
 * HeapGroupRules puts the classes into the toolkit's groups (docs/profiling.md). Each histogram's parsed map stays
 * alive into the next one, so the cost of one (the second baseline less the first) is taken out again where it
 * was counted. The bytes per group are aux counters (HeapBreakdownCounters), written by `mbench run` to
 * memory-breakdown.csv. The primary score (time to load, save and take the histograms, ms) is not recorded. Only
 * the Java heap: off-heap and native memory (mmap pages, RocksDB's block cache) are not in a class histogram.
 */
public class HeapBreakdownBench {

    @Benchmark
    public long breakdown(final Workload workload, final TreeState treeState, final HeapBreakdownCounters counters,
                          final BenchmarkParams params) {
        final Measurement measurement = measure(new LoadedTree() {
            @Override
            public MerkleTree openLoaded() {
                return treeState.openLoaded(workload, false, params);
            }

            @Override
            public void close() {
                treeState.closeTree();
            }

            @Override
            public void destroy() {
                treeState.closeAndDestroy();
            }
        }, treeState.engine, workload.keyLen, workload.valueLen);
        add(counters, measurement.groups());
        counters.breakdownKeys += measurement.keyCount();
        return measurement.version();
    }

    /**
     * The tree measured, opened, closed and destroyed by {@link #measure}: the benchmark's {@link TreeState}, or a
     * test's own. Whoever implements it must hold no reference to the tree once {@link #close} returns.
     */
    interface LoadedTree {
        /** Opens the tree, loads and saves it. */
        MerkleTree openLoaded();

        /** Closes the tree; what the store keeps for it (an in-memory store's contents) stays until destroyed. */
        void close();

        /** Removes the store's contents and directory. */
        void destroy();
    }

    /** Bytes per group of one tree, its keys and its last saved version. */
    record Measurement(Map<HeapGroup, Long> groups, long keyCount, long version) {
    }

    /** The breakdown of the tree {@code loaded} opens: four full GCs, one load. */
    static Measurement measure(final LoadedTree loaded, final String engine, final int keyLengthBytes,
                               final int valueLengthBytes) {
        // One histogram first that is thrown away, so that the diagnostic command's own classes and objects are in
        // every histogram compared below, then two baselines: their difference is what one parsed histogram costs
        // (its map of class names), and each later histogram also counts the maps of those before it.
        ClassHistogram.ofThisJvm();
        final ClassHistogram first = ClassHistogram.ofThisJvm();
        final ClassHistogram before = ClassHistogram.ofThisJvm();
        final OpenTree open = loadAndTakeHistogram(loaded, engine, keyLengthBytes, valueLengthBytes);
        loaded.close();
        final ClassHistogram closed = ClassHistogram.ofThisJvm();
        loaded.destroy();
        // Nothing is allocated for the comparison before this point. `closed` counts the maps of `before` and
        // `open` that `before` did not; `open` counts `before`'s map, which `closed` counts too, and `closed` counts
        // `open`'s, which `open` did not.
        final ClassHistogram histogramCost = before.minus(first);
        final ClassHistogram storeDelta = closed.minus(before).minus(histogramCost).minus(histogramCost).grown();
        final ClassHistogram engineDelta = open.histogram.minus(closed).plus(histogramCost).grown();
        return new Measurement(HeapGroupRules.group(open.facts, storeDelta, engineDelta), open.facts.keyCount(),
            open.version);
    }

    /**
     * Opens and loads the tree and takes its histogram while it is open; a method of its own so that no local of
     * the caller's frame refers to the tree once it is closed (an interpreted frame keeps dead locals alive).
     */
    private static OpenTree loadAndTakeHistogram(final LoadedTree loaded, final String engine,
                                                 final int keyLengthBytes, final int valueLengthBytes) {
        final MerkleTree tree = loaded.openLoaded();
        final HeapGroupRules.TreeFacts facts = new HeapGroupRules.TreeFacts(engine, tree.size(), keyLengthBytes,
            valueLengthBytes, tree instanceof ArrayTree array ? array.memoryStats() : null);
        return new OpenTree(facts, tree.lastSavedVersion(), ClassHistogram.ofThisJvm());
    }

    /** What was read while the tree was open. */
    private record OpenTree(HeapGroupRules.TreeFacts facts, long version, ClassHistogram histogram) {
    }

    static void add(final HeapBreakdownCounters counters, final Map<HeapGroup, Long> groups) {
        counters.heapNodeObjects += groups.get(HeapGroup.NODE_OBJECTS);
        counters.heapNodeArrays += groups.get(HeapGroup.NODE_ARRAYS);
        counters.heapKeyBytes += groups.get(HeapGroup.KEY_BYTES);
        counters.heapValueBytes += groups.get(HeapGroup.VALUE_BYTES);
        counters.heapHashes += groups.get(HeapGroup.HASHES);
        counters.heapByteArrays += groups.get(HeapGroup.BYTE_ARRAYS);
        counters.heapCaches += groups.get(HeapGroup.CACHES);
        counters.heapStore += groups.get(HeapGroup.STORE);
        counters.heapOther += groups.get(HeapGroup.OTHER);
    }

    /*
     * Results: see results/<host>/<run>/memory-breakdown.csv (engine, store, size, group, bytes, share) and the
     * report's Memory breakdown section. results/vm-intel-xeon-2c-24g/20261206T222947Z (the 2-core Intel Xeon VM,
     * every engine at 10k, 100k and 1M keys of 16 bytes with 40-byte values on mem), bytes per key at 1M:
     *
     *   engine   nodeObjects nodeArrays keyBytes valueBytes hashes caches store  other  total
     *   heap         192.0        0      32.0      56.0    96.0  144.8  344.0   0.0  864.8
     *   array          0.0       64.5    16.0      40.0    64.5    0.0  150.2   8.7  343.9
     *   paged31        0.0        0.0     0.0       0.0     0.0    0.0  914.8   3.1  918.0   <-- nothing of its own
     *   flat           0.0        0.0     0.0       0.0     0.0    0.0  132.0   0.0  132.0
     *
     * heap's own 521 B a key are 72% object headers and references (its HeapNodes and its node cache's entries);
     * array's are its 64 B a node of records and hashes and the bare key and value bytes; paged31's page cache is
     * empty after a load (it fills on reads), so all of it is the in-memory store's pages.
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^memory.breakdown'
     * or with plain JMH on the shaded jar (read the heap* secondary results, bytes summed over iterations):
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'HeapBreakdownBench' -p engine=heap -p size=100000 -f 1 -wi 0 -i 1
     */
}

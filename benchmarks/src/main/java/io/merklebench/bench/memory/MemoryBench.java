package io.merklebench.bench.memory;

import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.hostinfo.DirectorySize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
/*
 * Question: how many bytes of Java heap does each engine keep per key and per node once a tree of `size` keys is
 * loaded and saved, after GC? (Allocation per operation of the other families comes from JMH's gc profiler, in
 * their allocBytesPerOp column.)
 *
 * Expected: an object graph pays object headers and references per node (over 100 bytes a node on top of the key
 * and 32-byte hash); struct-of-arrays layouts only the packed fields; engines that keep committed nodes only in
 * their store, or off the heap (mmap pages), show little. Native and off-heap memory is NOT counted here.
 *
 * Measured (not a time): the used heap after repeated System.gc() before opening, with the loaded tree open, and
 * after closing the tree (what remains is the store's contents, for an in-memory store). engine = open - closed;
 * store = closed - before. Reported as memory.perKey and memory.perNode (engine bytes / keys, / (2 * keys - 1)) and
 * memory.storePerKey. For engines that keep keys and values on the heap, the heap beyond the key and value bytes
 * themselves (keys x (keyLen + valueLen)) is reported per node as memory.overheadPerNode: the tree's own cost
 * (records or objects, hashes, references, arena slack, caches). On a persistent store, the bytes of the files left in the store's directory after close
 * (everything the store wrote and still keeps: logs, tables, page file, map) are reported as memory.diskPerKey,
 * bytes on disk per key. With fastIndex=true, memory.fastIndexPerKey is the fast index's own count of the heap it
 * holds (its table and the key and value arrays it refers to, MerkleTree.fastIndexBytes) per key: an upper bound on
 * what the index adds, as an engine may share those arrays (compare memory.perKey with fastIndex=false for the
 * measured difference). The primary score (time to load and save, ms) is not recorded. Run with one fork and no
 * warmup; each iteration builds and drops its own tree.
 */
public class MemoryBench {
    /** How many times GC is asked for before the used heap is read: once is not always a full collection. */
    private static final int GC_ROUNDS = 4;
    private static final long GC_PAUSE_MILLIS = 50;

    @Benchmark
    public long perKey(final Workload workload, final TreeState treeState, final MemoryCounters counters,
                       final BenchmarkParams params) throws InterruptedException {
        final long beforeBytes = usedHeapAfterGc();
        final OpenTree open = loadAndMeasure(workload, treeState, params);
        treeState.closeTree();
        final long closedBytes = usedHeapAfterGc();
        if (Registry.store(treeState.store).persistent()) {
            counters.diskBytes += DirectorySize.bytes(treeState.directory());
        }
        treeState.closeAndDestroy();
        final long engineHeapBytes = open.usedBytes - closedBytes;
        counters.engineHeapBytes += engineHeapBytes;
        final long keyValueBytes = open.keyCount * ((long)workload.keyLen + workload.valueLen);
        if (engineHeapBytes > keyValueBytes) {
            counters.engineOverheadBytes += engineHeapBytes - keyValueBytes;
        }
        counters.storeHeapBytes += closedBytes - beforeBytes;
        counters.fastIndexBytes += open.fastIndexBytes;
        counters.keys += open.keyCount;
        counters.nodes += open.keyCount == 0 ? 0 : 2 * open.keyCount - 1;
        return open.version;
    }

    /**
     * Opens and loads the tree and reads the heap while it is open. A separate method on purpose: once it returns,
     * no local variable of the caller's frame refers to the tree (an interpreted frame keeps dead locals alive),
     * so after {@link TreeState#closeTree} the tree really is garbage.
     */
    private static OpenTree loadAndMeasure(final Workload workload, final TreeState treeState,
                                           final BenchmarkParams params) throws InterruptedException {
        final MerkleTree tree = treeState.openLoaded(workload, false, params);
        return new OpenTree(tree.size(), tree.lastSavedVersion(), usedHeapAfterGc(), tree.fastIndexBytes());
    }

    /** What was read while the tree was open. */
    private record OpenTree(long keyCount, long version, long usedBytes, long fastIndexBytes) {
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        final Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int round = 0; round < GC_ROUNDS; round++) {
            System.gc();
            Thread.sleep(GC_PAUSE_MILLIS);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows memory.perKey (B/key), memory.perNode (B/node) and
     * memory.storePerKey (B/key), memory.overheadPerNode (B/node), on persistent stores memory.diskPerKey (B/key), and
     * with fastIndex=true memory.fastIndexPerKey (B/key).
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^memory'
     * or with plain JMH on the shaded jar (read the engineHeapBytes / keys secondary results):
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'MemoryBench' -p engine=heap -p size=100000 -f 1 -wi 0 -i 1
     */
}

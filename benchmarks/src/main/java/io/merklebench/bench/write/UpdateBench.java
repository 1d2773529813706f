package io.merklebench.bench.write;

import io.merklebench.bench.KeyPool;
import io.merklebench.bench.StoreCountersAux;
import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.core.tree.MerkleTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
/*
 * Question: what does updating a present key cost, saving a version every `blockSize` updates, with and without a
 * durable save?
 *
 * Expected: a set rewrites the log2(size) nodes on the key's path (copy-on-write); each save hashes and writes the
 * dirty nodes and, when durable, syncs once, so the sync is amortised over `blockSize` updates. The latency
 * distribution is bimodal: p50 is a set, p99 and above catch the saves.
 *
 * Timed, per op: one set of a loaded key (uniform random, from a pre-built pool) to a new value, plus the save when
 * this op completes a block. The tree's size never changes (a steady state). Secondary: syncs and bytes written per
 * update. Not timed: opening the tree, loading `size` keys.
 */
public class UpdateBench {
    private static final int VALUE_POOL_SIZE = 256;

    /** Updates per saved version. */
    @Param("100")
    public int blockSize;

    /** Whether each save syncs to the device. */
    @Param("false")
    public boolean durable;

    private MerkleTree tree;
    private StoreCountersAux counters;
    private KeyPool keys;
    private byte[][] values;
    private int opsInBlock;
    private int valueCursor;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be at least 1 update per save: blockSize=" + blockSize);
        }
        tree = treeState.openLoaded(workload, durable, params);
        keys = KeyPool.present(workload, 5);
        values = new byte[VALUE_POOL_SIZE][];
        for (int i = 0; i < values.length; i++) {
            values[i] = workload.value(i, 1 + (i & 1));
        }
    }

    @Setup(Level.Iteration)
    public void startCounting(final StoreCountersAux counters) {
        this.counters = counters;
        counters.start(tree.store());
    }

    @Benchmark
    public boolean update() {
        final boolean wasPresent = tree.set(keys.next(), values[valueCursor]);
        valueCursor = (valueCursor + 1) % VALUE_POOL_SIZE;
        if (++opsInBlock == blockSize) {
            opsInBlock = 0;
            tree.save();
        }
        counters.countOperations(1);
        return wasPresent;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows write.update (per update, saves included).
     *
     * How to run:
     *   ./mbench run --profile quick --filter 'write.update'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'UpdateBench' -p engine=heap -p blockSize=1,100
     */
}

package io.merklebench.bench.remove;

import io.merklebench.bench.StoreCountersAux;
import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.core.tree.MerkleTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
/*
 * Question: what does deleting a present key cost, saving a version every `blockSize` deletes, with and without a
 * durable save?
 *
 * Expected: close to an insert: the leaf and its parent go, the sibling is promoted, and the path is rebalanced.
 *
 * Timed: one invocation removes REMOVES_PER_INVOCATION (1000) distinct loaded keys, saving every `blockSize`
 * removes; the score is per remove, saves included. As with inserts, a timed loop would shrink the tree without
 * end, so each iteration is one fixed batch (SingleShotTime) and the iteration setup puts the keys back and saves,
 * untimed. Secondary: syncs and bytes written per remove. Not timed: opening the tree, loading, the reset.
 */
public class RemoveBench {
    /** Removes per measured invocation; a multiple of every blockSize of the profiles (1, 10, 100, 1000). */
    public static final int REMOVES_PER_INVOCATION = 1000;

    /** Removes per saved version. */
    @Param("100")
    public int blockSize;

    /** Whether each save syncs to the device. */
    @Param("false")
    public boolean durable;

    private MerkleTree tree;
    private StoreCountersAux counters;
    private byte[][] removedKeys;
    private byte[][] originalValues;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        if (blockSize < 1 || blockSize > REMOVES_PER_INVOCATION) {
            throw new IllegalArgumentException("blockSize must be between 1 and " + REMOVES_PER_INVOCATION
                + " removes per save: blockSize=" + blockSize);
        }
        if (workload.size < REMOVES_PER_INVOCATION) {
            throw new IllegalArgumentException("remove needs at least " + REMOVES_PER_INVOCATION
                + " loaded keys: size=" + workload.size);
        }
        tree = treeState.openLoaded(workload, durable, params);
        // Every size/REMOVES_PER_INVOCATION-th key: distinct keys spread over the whole key space.
        final long stride = workload.size / REMOVES_PER_INVOCATION;
        removedKeys = new byte[REMOVES_PER_INVOCATION][];
        originalValues = new byte[REMOVES_PER_INVOCATION][];
        for (int i = 0; i < REMOVES_PER_INVOCATION; i++) {
            removedKeys[i] = workload.key(i * stride);
            originalValues[i] = workload.value(i * stride, 0);
        }
    }

    /** Untimed reset: puts back the keys the last iteration removed, so the tree is back to `size` keys. */
    @Setup(Level.Iteration)
    public void restoreLastBatch(final StoreCountersAux counters) {
        this.counters = counters;
        boolean inserted = false;
        for (int i = 0; i < removedKeys.length; i++) {
            if (tree.get(removedKeys[i]) == null) {
                tree.set(removedKeys[i], originalValues[i]);
                inserted = true;
            }
        }
        if (inserted) {
            tree.save();
        }
        counters.start(tree.store());
    }

    @Benchmark
    @OperationsPerInvocation(REMOVES_PER_INVOCATION)
    public byte[] present() {
        final MerkleTree working = tree;
        final byte[][] keys = removedKeys;
        final int savesEvery = blockSize;
        byte[] lastRootHash = null;
        for (int i = 0; i < keys.length; i++) {
            if (!working.remove(keys[i])) {
                throw new IllegalStateException("remove of a present key returned false: engine=" + working.engine());
            }
            if ((i + 1) % savesEvery == 0) {
                lastRootHash = working.save();
            }
        }
        counters.countOperations(REMOVES_PER_INVOCATION);
        return lastRootHash;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows remove.present (per remove, saves included).
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^remove'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'RemoveBench' -p engine=heap -wi 10 -i 10
     */
}

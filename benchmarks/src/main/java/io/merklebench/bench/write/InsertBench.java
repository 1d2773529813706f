package io.merklebench.bench.write;

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
 * Question: what does inserting a new key cost, saving a version every `blockSize` inserts, with and without a
 * durable save?
 *
 * Expected: a little more than an update (a new leaf, an inner node, and rotations on the way up).
 *
 * Timed: one invocation inserts INSERTS_PER_INVOCATION (1000) keys that are not in the tree, saving every
 * `blockSize` inserts; JMH divides by 1000, so the score is per insert, saves included. An insert grows the tree,
 * so a timed loop would measure an ever bigger tree: instead each iteration is this one fixed batch (SingleShotTime,
 * JMH sample 26) and the iteration setup removes the batch's keys again and saves, untimed, so every iteration
 * starts from `size` keys (at most 1000 more at its end). Secondary: syncs and bytes written per insert.
 * Not timed: opening the tree, loading `size` keys, the reset between iterations.
 */
public class InsertBench {
    /** Inserts per measured invocation; a multiple of every blockSize of the profiles (1, 10, 100, 1000). */
    public static final int INSERTS_PER_INVOCATION = 1000;

    /** Inserts per saved version. */
    @Param("100")
    public int blockSize;

    /** Whether each save syncs to the device. */
    @Param("false")
    public boolean durable;

    private MerkleTree tree;
    private StoreCountersAux counters;
    private byte[][] newKeys;
    private byte[][] newValues;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        if (blockSize < 1 || blockSize > INSERTS_PER_INVOCATION) {
            throw new IllegalArgumentException("blockSize must be between 1 and " + INSERTS_PER_INVOCATION
                + " inserts per save: blockSize=" + blockSize);
        }
        tree = treeState.openLoaded(workload, durable, params);
        newKeys = workload.keys(workload.size, INSERTS_PER_INVOCATION);
        newValues = new byte[INSERTS_PER_INVOCATION][];
        for (int i = 0; i < INSERTS_PER_INVOCATION; i++) {
            newValues[i] = workload.value(workload.size + i, 0);
        }
    }

    /** Untimed reset: takes out the keys the last iteration inserted, so the tree is back to `size` keys. */
    @Setup(Level.Iteration)
    public void removeLastBatch(final StoreCountersAux counters) {
        this.counters = counters;
        boolean removed = false;
        for (final byte[] key : newKeys) {
            removed |= tree.remove(key);
        }
        if (removed) {
            tree.save();
        }
        counters.start(tree.store());
    }

    @Benchmark
    @OperationsPerInvocation(INSERTS_PER_INVOCATION)
    public byte[] insert() {
        final MerkleTree working = tree;
        final byte[][] keys = newKeys;
        final byte[][] values = newValues;
        final int savesEvery = blockSize;
        byte[] lastRootHash = null;
        for (int i = 0; i < keys.length; i++) {
            working.set(keys[i], values[i]);
            if ((i + 1) % savesEvery == 0) {
                lastRootHash = working.save();
            }
        }
        counters.countOperations(INSERTS_PER_INVOCATION);
        return lastRootHash;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows write.insert (per insert, saves included).
     *
     * How to run:
     *   ./mbench run --profile quick --filter 'write.insert'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'InsertBench' -p engine=heap -wi 10 -i 10
     */
}

package io.merklebench.bench.block;

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
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
/*
 * Question: what does one transaction cost in the TMSP cycle a blockchain node runs, all included (check copy,
 * real tree, hash, save, sync)? (Target: durable, 1M keys, blockSize 1000, 16-byte keys, 40-byte values, best
 * engine and store: at most 10 µs per tx; IAVL's published figures are 230 to 350 µs on goleveldb.)
 *
 * Expected: per tx two gets and two sets (on the check copy and the real tree), plus 1/blockSize of a save: at
 * blockSize 1 the save and its sync dominate; at 1000 the sets do.
 *
 * Timed: one invocation runs TX_PER_INVOCATION (1000) transactions as 1000/blockSize blocks. Per block: copy the
 * last saved version into check (MerkleTree.workingCopy) and use the tree's working state as real; per tx,
 * get+set of its key in check, then get+set in real; then the root hash of real, and save (durable per param), which
 * makes real the last version (TmspCycle). Half the txs update a loaded key, half insert a new key, chosen per tx from the seed.
 * The score is per tx (block.tx); `mbench run` also records block.block = score x blockSize. Inserts grow the tree, so each
 * iteration is this one fixed batch (SingleShotTime) and the iteration setup removes the inserted keys again,
 * untimed. Secondary: syncs and bytes written per tx. Not timed: opening, loading, the reset.
 */
public class BlockBench {
    /** Transactions per measured invocation (see {@link TmspCycle}). */
    public static final int TX_PER_INVOCATION = TmspCycle.TX_PER_INVOCATION;

    /** Transactions per block (one save per block). */
    @Param("100")
    public int blockSize;

    /** Whether each save syncs to the device. */
    @Param("true")
    public boolean durable;

    private MerkleTree tree;
    private StoreCountersAux counters;
    private TmspCycle cycle;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        TmspCycle.checkBlockSize(blockSize);
        tree = treeState.openLoaded(workload, durable, params);
        cycle = new TmspCycle(workload, blockSize);
    }

    /** Untimed reset: removes the keys the last iteration inserted, so each iteration starts from `size` keys. */
    @Setup(Level.Iteration)
    public void removeInsertedKeys(final StoreCountersAux counters) {
        this.counters = counters;
        cycle.removeInsertedKeys(tree);
        counters.start(tree.store());
    }

    @Benchmark
    @OperationsPerInvocation(TX_PER_INVOCATION)
    public byte[] tx(final Blackhole blackhole) {
        final byte[] lastSavedHash = cycle.run(tree, blackhole);
        counters.countOperations(TX_PER_INVOCATION);
        return lastSavedHash;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows block.tx (per transaction) and block.block (per block).
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^block'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'BlockBench' -p engine=heap -p blockSize=1000 -wi 10 -i 10
     */
}

package io.merklebench.bench.check;

import io.merklebench.bench.KeyPool;
import io.merklebench.bench.StoreCountersAux;
import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.bench.block.TmspCycle;
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

@State(Scope.Thread)
/*
 * Question: what does checking every node read back from the store against the hash its parent holds cost, on a
 * query and on the TMSP block? (TreeOptions.checkNodes, on by default; docs/damage.md.)
 *
 * Expected: one SHA-256 (Keccak-256 for mpt) of the node's bytes per node read from the store, against that read
 * itself (a store get and a decode): a few percent on a persistent store, more on mem, where the read is cheapest.
 * The paged engines hash every slot of a page read from the store, and once per crossing into a child page its
 * parent slot (reading the sibling page too). Nothing for what is in the node or page cache, which came from a
 * checked read or the tree's own save.
 *
 * Timed: the *Checked methods on a tree reopened with the check on, the *Unchecked ones with it off; otherwise the
 * same work as query.hit and block.tx. So that reads reach the store, the tree is reopened after loading with a node
 * cache of NODE_CACHE nodes (a few top levels; the paged engines size their page cache from it), not the whole tree
 * as in the query and block families. Engines that read back as they walk: heap, paged15, paged31 (on a key-value
 * store; the page file is checked once per page per open) and mpt; array reads and checks every node at open.
 * Not timed: loading, reopening, the block's untimed reset.
 */
public class NodeCheckBench {
    /** Nodes the reopened tree keeps decoded: the top dozen levels or so, so most of a path is read from the store. */
    public static final int NODE_CACHE = 10_000;

    /** Transactions per block of the tx methods (one save per block). */
    @Param("100")
    public int blockSize;

    /** Whether each save of the tx methods syncs to the device. */
    @Param("true")
    public boolean durable;

    private MerkleTree tree;
    private KeyPool presentKeys;
    private TmspCycle cycle;
    private StoreCountersAux counters;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        TmspCycle.checkBlockSize(blockSize);
        treeState.openLoaded(workload, durable, params);
        tree = treeState.reopen(NODE_CACHE, !params.getBenchmark().endsWith("Unchecked"));
        presentKeys = KeyPool.present(workload, 4);
        cycle = new TmspCycle(workload, blockSize);
        if (tree.get(presentKeys.next()) == null) {
            throw new IllegalStateException("query keys do not match the reopened tree: engine=" + tree.engine()
                + " store=" + tree.store().kind());
        }
    }

    /** Untimed reset of the tx methods (see {@link TmspCycle#removeInsertedKeys}); a no-op for the hits. */
    @Setup(Level.Iteration)
    public void removeInsertedKeys(final StoreCountersAux counters, final BenchmarkParams params) {
        this.counters = counters;
        if (params.getBenchmark().contains(".tx")) {
            cycle.removeInsertedKeys(tree);
        }
        counters.start(tree.store());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public byte[] hitChecked() {
        return tree.get(presentKeys.next());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public byte[] hitUnchecked() {
        return tree.get(presentKeys.next());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(TmspCycle.TX_PER_INVOCATION)
    public byte[] txChecked(final Blackhole blackhole) {
        return tx(blackhole);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(TmspCycle.TX_PER_INVOCATION)
    public byte[] txUnchecked(final Blackhole blackhole) {
        return tx(blackhole);
    }

    private byte[] tx(final Blackhole blackhole) {
        final byte[] lastSavedHash = cycle.run(tree, blackhole);
        counters.countOperations(TmspCycle.TX_PER_INVOCATION);
        return lastSavedHash;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows check.hitChecked / check.hitUnchecked (ns per get) and
     * check.txChecked / check.txUnchecked (us per tx); the cost of the check is the ratio of each pair.
     *
     * How to run:
     *   ./mbench run --profile standard --filter '^check'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'NodeCheckBench' -p engine=heap -p store=rocksdb
     */
}

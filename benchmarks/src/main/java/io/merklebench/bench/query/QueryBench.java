package io.merklebench.bench.query;

import io.merklebench.bench.KeyPool;
import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.core.tree.MerkleTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
/*
 * Question: how long does a get on the latest tree state take, for a present key (hit) and an absent key (miss)?
 * (Target: a hit at 1M keys in at most 300 ns for the best engine.)
 *
 * Expected: about log2(size) node visits of key comparisons; a miss walks the same depth. Engines that decode nodes
 * from the store on a cache miss pay the store's get per node; in-memory layouts pay cache misses per level, so
 * the figure grows with size once the tree outgrows the CPU caches.
 *
 * Timed: one get on the working tree (equal to the last saved version, nothing dirty) of a key from a pre-built
 * pool: uniform random over the loaded keys (hit) or keys never loaded (miss). Not timed: opening the tree,
 * loading and saving `size` keys.
 *
 * With fastIndex=true (TreeState) the get is answered from the engine's fast-node index, a flat hash table of the
 * latest state's keys (docs/engines/fast-index.md): a hash of the key, a probe or two and a copy of the value, no
 * walk; the same keys, so the rows compare directly with fastIndex=false.
 */
public class QueryBench {
    private MerkleTree tree;
    private KeyPool presentKeys;
    private KeyPool absentKeys;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        tree = treeState.openLoaded(workload, false, params);
        presentKeys = KeyPool.present(workload, 4);
        absentKeys = KeyPool.absent(workload);
        if (tree.get(presentKeys.next()) == null || tree.get(absentKeys.next()) != null) {
            throw new IllegalStateException("query keys do not match the loaded tree: engine=" + tree.engine()
                + " store=" + tree.store().kind());
        }
    }

    @Benchmark
    public byte[] hit() {
        return tree.get(presentKeys.next());
    }

    @Benchmark
    public byte[] miss() {
        return tree.get(absentKeys.next());
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows query.hit and query.miss.
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^query'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'QueryBench' -p engine=heap -p size=1000000
     */
}

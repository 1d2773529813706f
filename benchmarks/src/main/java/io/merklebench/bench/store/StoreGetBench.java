package io.merklebench.bench.store;

import io.merklebench.bench.KeyPool;
import io.merklebench.bench.StoreState;
import io.merklebench.bench.Workload;
import io.merklebench.core.store.KvStore;
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
 * Question: how long does the raw store take to read one key, present (hit) or absent (miss)? This is the floor
 * under a tree's query on the same store: a tree that reads nodes from the store pays it once per node not cached.
 *
 * Expected: mem a few hundred ns (a skip list walk); the on-disk stores more, a miss cheaper than a hit when the store
 * has bloom filters (RocksDB, LevelDB).
 *
 * Timed: one get of a key from a pre-built pool (random order, uniform over the loaded keys). Not timed: opening
 * the store and loading `size` keys (trial setup).
 */
public class StoreGetBench {
    private KvStore store;
    private KeyPool presentKeys;
    private KeyPool absentKeys;

    @Setup(Level.Trial)
    public void load(final Workload workload, final StoreState storeState, final BenchmarkParams params) {
        store = storeState.openLoaded(workload, params);
        presentKeys = KeyPool.present(workload, 1);
        absentKeys = KeyPool.absent(workload);
        if (store.get(presentKeys.next()) == null) {
            throw new IllegalStateException("a loaded key is missing from store=" + store.kind());
        }
    }

    @Benchmark
    public byte[] getHit() {
        return store.get(presentKeys.next());
    }

    @Benchmark
    public byte[] getMiss() {
        return store.get(absentKeys.next());
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows store.getHit and store.getMiss.
     *
     * How to run:
     *   ./mbench run --profile quick --filter 'store.get'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'StoreGetBench' -p store=mem -p size=100000
     */
}

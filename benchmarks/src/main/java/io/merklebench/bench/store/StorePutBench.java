package io.merklebench.bench.store;

import io.merklebench.bench.KeyPool;
import io.merklebench.bench.StoreCountersAux;
import io.merklebench.bench.StoreState;
import io.merklebench.bench.Workload;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;
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
 * Question: how long does the raw store take to commit a batch of `batch` puts, with and without a sync? The tree
 * engines' save is such a commit, so this is the floor under every durable tree figure.
 *
 * Expected: without sync, roughly linear in `batch` (about 1 µs a put for the on-disk stores, less for mem); with
 * sync, one device flush per commit (tens to hundreds of µs on an SSD, ~0 for mem which has no device), so the sync
 * dominates at batch 1 and is amortised at 1000.
 *
 * Timed: filling the batch with `batch` puts that overwrite loaded keys with fresh values (the store's size stays
 * `size`, a steady state) and committing it. One op is one commit. Secondary: syncs and bytes written per commit,
 * from the store's counters. Not timed: opening the store and loading `size` keys.
 */
public class StorePutBench {
    /** Number of values cycled through, so consecutive overwrites of one key really change it. */
    private static final int VALUE_VARIANTS = 2;

    /** Puts per commit. */
    @Param("1")
    public int batch;

    /** Whether each commit syncs to the device. */
    @Param("false")
    public boolean durable;

    private KvStore store;
    private StoreCountersAux counters;
    private KeyPool keys;
    private byte[][] values;
    private WriteBatch writeBatch;
    private long putCount;

    @Setup(Level.Trial)
    public void load(final Workload workload, final StoreState storeState, final BenchmarkParams params) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1 put per commit: batch=" + batch);
        }
        store = storeState.openLoaded(workload, params);
        keys = KeyPool.present(workload, 2);
        values = new byte[VALUE_VARIANTS * 64][];
        for (int i = 0; i < values.length; i++) {
            values[i] = workload.value(i, 1 + i % VALUE_VARIANTS);
        }
        writeBatch = store.newBatch();
    }

    @Setup(Level.Iteration)
    public void startCounting(final StoreCountersAux counters) {
        this.counters = counters;
        counters.start(store);
    }

    @Benchmark
    public WriteBatch put() {
        final WriteBatch filled = writeBatch;
        filled.clear();
        for (int i = 0; i < batch; i++) {
            filled.put(keys.next(), values[(int)(putCount++ % values.length)]);
        }
        store.commit(filled, durable);
        counters.countOperations(1);
        return filled;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows store.put (score per commit; divide by `batch` for a put).
     *
     * How to run:
     *   ./mbench run --profile quick --filter 'store.put'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'StorePutBench' -p store=mem -p batch=1,100,1000
     */
}

package io.merklebench.bench.sync;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.atomic.LongAdder;

/**
 * Secondary results of the sync and batch benchmarks, per measured iteration and thread: {@code measuredOps} (what
 * the per-op columns are per: writes for the batch family, commits or syncs for the fsync family), {@code syncs}
 * issued to the device and {@code bytesWritten}. Raw totals ({@code EVENTS}); {@code mbench run} divides syncs and
 * bytes by measuredOps into {@code syncsPerOp} and {@code bytesWrittenPerOp}. The names are the other families'
 * ({@link io.merklebench.bench.AuxCounterNames}).
 *
 * <p>Counted from the store's {@link StoreCounters} when a store is measured, or by the benchmark itself for raw file
 * syncs (where every op is exactly one sync). Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SyncCountersAux {
    private KvStore store;
    private StoreCounters.Snapshot atStart;
    private LongAdder sharedWrites;
    private long sharedWritesAtStart;
    private long operationCount;
    private long ownSyncCount;
    private long ownBytesWritten;

    @Setup(Level.Iteration)
    public void reset() {
        operationCount = 0;
        ownSyncCount = 0;
        ownBytesWritten = 0;
        atStart = store == null ? null : store.counters().snapshot();
        sharedWritesAtStart = sharedWrites == null ? 0 : sharedWrites.sum();
    }

    /**
     * Counts syncs and bytes from {@code measuredStore}'s counters, from the first call on; later calls with the same
     * store cost one comparison, so benchmarks call it at the start of each op (a state cannot be handed to an aux
     * counter in setup without JMH counting it twice).
     */
    public void watch(final KvStore measuredStore) {
        if (store != measuredStore) {
            store = measuredStore;
            atStart = measuredStore.counters().snapshot();
        }
    }

    /**
     * For several threads on one store: this thread (only one should call it) reports the store's syncs and bytes
     * and the writes all threads add to {@code writesOfAllThreads}, all read over the same window; the other threads
     * report nothing. Per-thread store deltas would count the shared store once per thread, over skewed windows.
     */
    public void watchShared(final KvStore measuredStore, final LongAdder writesOfAllThreads) {
        watch(measuredStore);
        if (sharedWrites != writesOfAllThreads) {
            sharedWrites = writesOfAllThreads;
            sharedWritesAtStart = writesOfAllThreads.sum();
        }
    }

    /** Adds work the benchmark counts itself (raw file syncs); {@code syncCount} adds to the store's. */
    public void record(final long operations, final long syncCount, final long bytes) {
        operationCount += operations;
        ownSyncCount += syncCount;
        ownBytesWritten += bytes;
    }

    public long measuredOps() {
        return operationCount + (sharedWrites == null ? 0 : sharedWrites.sum() - sharedWritesAtStart);
    }

    public long syncs() {
        return ownSyncCount + (store == null ? 0 : store.counters().syncCount() - atStart.syncCount());
    }

    public long bytesWritten() {
        return ownBytesWritten + (store == null ? 0 : store.counters().bytesWritten() - atStart.bytesWritten());
    }
}

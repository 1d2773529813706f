package io.merklebench.bench;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary numbers of one measured iteration, read from the store's {@link StoreCounters}: syncs issued, bytes
 * written, and the operations they were spread over. JMH reports each public method as a secondary result
 * ({@code EVENTS}: raw totals, not rates; names in {@link AuxCounterNames}); {@code mbench run} divides them into {@code syncsPerOp} and
 * {@code bytesWrittenPerOp}. The benchmark calls {@link #start} when the iteration's measured region begins (after
 * any reset) and {@link #countOperations} for the operations it does.
 *
 * <p>Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class StoreCountersAux {
    private KvStore store;
    private StoreCounters.Snapshot atStart = new StoreCounters.Snapshot(0, 0, 0);
    private long operationCount;

    /** Starts counting for one iteration on {@code measuredStore}. */
    public void start(final KvStore measuredStore) {
        store = measuredStore;
        atStart = measuredStore.counters().snapshot();
        operationCount = 0;
    }

    /** Adds {@code count} measured operations. */
    public void countOperations(final long count) {
        operationCount += count;
    }

    public long measuredOps() {
        return operationCount;
    }

    public long syncs() {
        return store == null ? 0 : store.counters().syncCount() - atStart.syncCount();
    }

    public long bytesWritten() {
        return store == null ? 0 : store.counters().bytesWritten() - atStart.bytesWritten();
    }
}

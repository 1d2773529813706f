package io.merklebench.bench.sync;

import io.merklebench.bench.KernelIoWindow;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.atomic.LongAdder;

/**
 * Secondary results of the sync and batch benchmarks, per measured iteration and thread: {@code measuredOps} (what
 * the per-op columns are per: writes for the batch family, commits or syncs for the fsync family), the toolkit's
 * {@code syncs} and {@code storeBytes}, and the kernel's {@code osWriteBytes}, {@code deviceWriteBytes} and
 * {@code deviceFlushes} ({@link KernelIoWindow}: what the process dirtied and what the data disk wrote and flushed).
 * Raw totals ({@code EVENTS}); {@code mbench run} divides them by measuredOps into {@code syncsPerOp},
 * {@code storeBytesPerOp} and so on. The names are the other families' ({@link io.merklebench.bench.AuxCounterNames}).
 *
 * <p>Counted from the store's {@link StoreCounters} when a store is measured, or by the benchmark itself for raw file
 * syncs (where every op is exactly one sync). The window opens at the iteration's setup and closes at its teardown.
 * Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class SyncCountersAux {
    private final KernelIoWindow kernel = new KernelIoWindow();
    private KvStore store;
    private StoreCounters.Snapshot atStart;
    private StoreCounters.Snapshot atEnd;
    private LongAdder sharedWrites;
    private long sharedWritesAtStart;
    private long sharedWritesAtEnd = -1;
    private long operationCount;
    private long ownSyncCount;
    private long ownBytesWritten;

    @Setup(Level.Iteration)
    public void reset(final ThreadParams thread) {
        operationCount = 0;
        ownSyncCount = 0;
        ownBytesWritten = 0;
        atStart = store == null ? null : store.counters().snapshot();
        atEnd = null;
        sharedWritesAtStart = sharedWrites == null ? 0 : sharedWrites.sum();
        sharedWritesAtEnd = -1;
        kernel.reportAsThread(thread.getThreadIndex());
        kernel.start(SyncDirectory::resolve);
    }

    /** Closes the iteration's window; untimed (JMH runs iteration teardowns after the measured loop). */
    @TearDown(Level.Iteration)
    public void stop() {
        atEnd = store == null ? null : store.counters().snapshot();
        sharedWritesAtEnd = sharedWrites == null ? -1 : sharedWrites.sum();
        kernel.stop();
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
        if (sharedWrites == null) {
            return operationCount;
        }
        return operationCount + (sharedWritesAtEnd >= 0 ? sharedWritesAtEnd : sharedWrites.sum()) - sharedWritesAtStart;
    }

    public long syncs() {
        return ownSyncCount + (store == null ? 0 : storeEnd().syncCount() - atStart.syncCount());
    }

    public long storeBytes() {
        return ownBytesWritten + (store == null ? 0 : storeEnd().bytesWritten() - atStart.bytesWritten());
    }

    // JMH reports only the aux counter methods a class declares itself, not inherited ones: hence the delegates.
    public double osWriteBytes() {
        return kernel.processWriteBytes();
    }

    public double deviceWriteBytes() {
        return kernel.deviceWriteBytes();
    }

    public double deviceFlushes() {
        return kernel.deviceFlushes();
    }

    private StoreCounters.Snapshot storeEnd() {
        return atEnd != null ? atEnd : store.counters().snapshot();
    }
}

package io.merklebench.bench;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Secondary numbers of one measured iteration: from the store's {@link StoreCounters} the syncs the toolkit issued
 * and the payload bytes it handed to the store, and from the kernel ({@link KernelIoWindow}) the bytes the process
 * dirtied and the data disk's bytes written and flushes, with the operations they were spread over. JMH reports each
 * public method as a secondary result ({@code EVENTS}: raw totals, not rates; names in {@link AuxCounterNames});
 * {@code mbench run} divides them into {@code syncsPerOp}, {@code storeBytesPerOp}, {@code osWriteBytesPerOp},
 * {@code deviceWriteBytesPerOp} and {@code deviceFlushesPerOp}. The benchmark calls {@link #start} when the
 * iteration's measured region begins (after any reset) and {@link #countOperations} for the operations it does; the
 * window closes at the iteration's teardown, before the trial teardown closes the store.
 *
 * <p>Not thread-safe: one per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class StoreCountersAux {
    private final KernelIoWindow kernel = new KernelIoWindow();
    private KvStore store;
    private StoreCounters.Snapshot atStart = new StoreCounters.Snapshot(0, 0, 0);
    private StoreCounters.Snapshot atEnd;
    private long operationCount;

    @Setup(Level.Trial)
    public void identifyThread(final ThreadParams thread) {
        kernel.reportAsThread(thread.getThreadIndex());
    }

    /** Starts counting for one iteration on {@code measuredStore}. */
    public void start(final KvStore measuredStore) {
        store = measuredStore;
        atStart = measuredStore.counters().snapshot();
        atEnd = null;
        operationCount = 0;
        kernel.start(TrialDirectory::dataDirectory);
    }

    /** Closes the iteration's window; untimed (JMH runs iteration teardowns after the measured loop). */
    @TearDown(Level.Iteration)
    public void stop() {
        if (store != null) {
            atEnd = store.counters().snapshot();
        }
        kernel.stop();
    }

    /** Adds {@code count} measured operations. */
    public void countOperations(final long count) {
        operationCount += count;
    }

    public long measuredOps() {
        return operationCount;
    }

    public long syncs() {
        return store == null ? 0 : end().syncCount() - atStart.syncCount();
    }

    public long storeBytes() {
        return store == null ? 0 : end().bytesWritten() - atStart.bytesWritten();
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

    private StoreCounters.Snapshot end() {
        return atEnd != null ? atEnd : store.counters().snapshot();
    }
}

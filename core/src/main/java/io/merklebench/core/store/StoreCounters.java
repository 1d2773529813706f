package io.merklebench.core.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a store has done since it was opened: commits, syncs issued to the device, and bytes written
 * (the keys and values of committed batches; page- or log-based stores add their own framing).
 * Thread-safe; benchmarks read deltas around the measured region through {@link #snapshot()}.
 */
public final class StoreCounters {
    private final LongAdder commitCount = new LongAdder();
    private final LongAdder syncCount = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();

    public void recordCommit() {
        commitCount.increment();
    }

    public void recordSync() {
        syncCount.increment();
    }

    public void recordBytesWritten(final long byteCount) {
        bytesWritten.add(byteCount);
    }

    public long commitCount() {
        return commitCount.sum();
    }

    public long syncCount() {
        return syncCount.sum();
    }

    public long bytesWritten() {
        return bytesWritten.sum();
    }

    public Snapshot snapshot() {
        return new Snapshot(commitCount(), syncCount(), bytesWritten());
    }

    /** The counters at one moment; {@link #minus} gives the work done between two snapshots. */
    public record Snapshot(long commitCount, long syncCount, long bytesWritten) {
        public Snapshot minus(final Snapshot earlier) {
            return new Snapshot(
                commitCount - earlier.commitCount, syncCount - earlier.syncCount, bytesWritten - earlier.bytesWritten);
        }
    }
}

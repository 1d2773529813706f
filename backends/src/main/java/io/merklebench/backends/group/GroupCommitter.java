package io.merklebench.backends.group;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.WriteBatch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit over any {@link KvStore}: durable commits requested by many threads while a sync is in flight are
 * merged into the next durable commit, so N concurrent writers pay for far fewer than N syncs.
 *
 * <p>How: a caller queues its batch. If no group is in flight, it becomes the leader: it takes every queued request
 * (its own included), merges them in arrival order into one batch, commits it with {@code durable=true}, completes
 * each request of the group, and hands leadership to the oldest request that queued meanwhile, which then takes all
 * requests queued by then. A caller alone finds no group in flight and commits at once: there is no timer and no
 * waiting for company. This is the leader/follower scheme of LevelDB's write queue and of PostgreSQL's WAL flush.
 *
 * <p>Guarantees: {@link #commit} returns only after a durable store commit that contains the caller's batch has
 * returned. Each batch stays atomic (a group is applied all or nothing); batches of one group apply in arrival order,
 * so for the same key the later request wins, exactly as if they had been committed one after another. When the
 * store commit of a group fails, every caller of that group gets a {@link StoreException} carrying the failure as its
 * cause; nobody's failure is swallowed and nobody is told a failed write is durable. The next group is tried afresh.
 *
 * <p>Thread-safe. Does not own the store (closing the store is the owner's job; commits after that fail with the
 * store's own error). Byte arrays: a caller's batch is read, by reference, until its {@code commit} returns, so the
 * caller must not modify the batch or its arrays before then (the {@link WriteBatch} rule). An interrupt does not
 * abandon a queued request, whose data may already be on its way to the disk: the caller keeps waiting for the
 * outcome and returns with its interrupt flag set.
 */
public final class GroupCommitter {
    private static final int WAITING = 0;
    private static final int LEADING = 1;
    private static final int DONE = 2;

    private final KvStore store;
    private final GroupCommitListener listener;

    private final ReentrantLock lock = new ReentrantLock();
    /** Requests not yet taken into a group, oldest first. Guarded by {@link #lock}. */
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    /** Whether a leader is between taking a group and handing over. Guarded by {@link #lock}. */
    private boolean groupInFlight;
    /** Number of the last group taken. Guarded by {@link #lock}. */
    private long groupSequence;
    /**
     * Holds the merge of a group of two or more batches. Only the current leader touches it, and leadership passes
     * through {@link #lock}, so successive leaders see each other's writes.
     */
    private final WriteBatch mergedBatch = new WriteBatch();

    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong groupCount = new AtomicLong();
    private final AtomicLong operationCount = new AtomicLong();
    private final AtomicLong failedGroupCount = new AtomicLong();
    private final AtomicLong largestGroupBatchCount = new AtomicLong();

    public GroupCommitter(final KvStore store) {
        this(store, GroupCommitListener.NONE);
    }

    public GroupCommitter(final KvStore store, final GroupCommitListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The store the groups are committed to. */
    public KvStore store() {
        return store;
    }

    /**
     * Commits {@code batch} durably, merged with whatever other threads commit at the same time; returns once it is
     * durable.
     *
     * @throws StoreException when the store commit of the caller's group failed (the cause is the store's error)
     */
    public void commit(final WriteBatch batch) {
        final Request request = new Request(Objects.requireNonNull(batch, "batch"), Thread.currentThread());
        requestCount.incrementAndGet();
        lock.lock();
        try {
            queue.addLast(request);
            if (!groupInFlight) {
                groupInFlight = true;
                request.state = LEADING;
            }
        } finally {
            lock.unlock();
        }
        awaitLeadershipOrCompletion(request);
        if (request.state == LEADING) {
            lead();
        }
        if (request.failure != null) {
            throw request.failure;
        }
    }

    /** Requests queued and not yet taken into a group: how many callers the next group will merge so far. */
    public int pendingCount() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** What this committer has done since it was created. */
    public Counts counts() {
        return new Counts(requestCount.get(), groupCount.get(), operationCount.get(), failedGroupCount.get(),
            largestGroupBatchCount.get());
    }

    private static void awaitLeadershipOrCompletion(final Request request) {
        boolean interrupted = false;
        while (request.state == WAITING) {
            LockSupport.park(request);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the leader thread: takes the queue as one group, commits it, completes it, hands over. */
    private void lead() {
        final List<Request> group;
        final long sequence;
        lock.lock();
        try {
            group = new ArrayList<>(queue);
            queue.clear();
            sequence = ++groupSequence;
        } finally {
            lock.unlock();
        }
        int groupOperationCount = 0;
        Throwable failure = null;
        try {
            final WriteBatch toCommit = merge(group);
            groupOperationCount = toCommit.size();
            listener.beforeCommit(sequence, group.size(), groupOperationCount);
            store.commit(toCommit, true);
        } catch (final RuntimeException | Error e) {
            failure = e;
        } finally {
            mergedBatch.clear();
        }
        groupCount.incrementAndGet();
        operationCount.addAndGet(groupOperationCount);
        largestGroupBatchCount.accumulateAndGet(group.size(), Math::max);
        if (failure != null) {
            failedGroupCount.incrementAndGet();
        }
        handOver();
        complete(group, sequence, groupOperationCount, failure);
    }

    /** Makes the oldest queued request the next leader, or marks the committer idle; wakes the new leader first. */
    private void handOver() {
        final Request next;
        lock.lock();
        try {
            next = queue.peekFirst();
            if (next == null) {
                groupInFlight = false;
            } else {
                next.state = LEADING;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            LockSupport.unpark(next.thread);
        }
    }

    private void complete(
        final List<Request> group, final long sequence, final int groupOperationCount, final Throwable failure) {
        final Thread self = Thread.currentThread();
        for (final Request member : group) {
            if (failure != null) {
                member.failure = new StoreException("group commit failed: groupSequence=" + sequence
                    + " batchCount=" + group.size() + " operationCount=" + groupOperationCount
                    + " store=" + store.kind() + " directory=" + store.directory().toAbsolutePath(), failure);
            }
            member.state = DONE;
            if (member.thread != self) {
                LockSupport.unpark(member.thread);
            }
        }
    }

    private WriteBatch merge(final List<Request> group) {
        if (group.size() == 1) {
            return group.get(0).batch;
        }
        for (final Request member : group) {
            mergedBatch.addAll(member.batch);
        }
        return mergedBatch;
    }

    /**
     * The committer's counters.
     *
     * @param requestCount           {@link #commit} calls (writes, in the batch benchmarks' sense)
     * @param groupCount             durable store commits issued: one per group
     * @param operationCount         puts and deletes committed through groups
     * @param failedGroupCount       groups whose store commit failed
     * @param largestGroupBatchCount most caller batches merged into one group so far
     */
    public record Counts(long requestCount, long groupCount, long operationCount, long failedGroupCount,
                         long largestGroupBatchCount) {
        /** Work done between {@code earlier} and this; {@code largestGroupBatchCount} stays this snapshot's. */
        public Counts minus(final Counts earlier) {
            return new Counts(requestCount - earlier.requestCount, groupCount - earlier.groupCount,
                operationCount - earlier.operationCount, failedGroupCount - earlier.failedGroupCount,
                largestGroupBatchCount);
        }
    }

    /** One caller's batch and its outcome. */
    private static final class Request {
        final WriteBatch batch;
        final Thread thread;
        /** Set before {@link #state} becomes DONE; the volatile write of the state publishes it. */
        StoreException failure;
        volatile int state = WAITING;

        Request(final WriteBatch batch, final Thread thread) {
            this.batch = batch;
            this.thread = thread;
        }
    }
}

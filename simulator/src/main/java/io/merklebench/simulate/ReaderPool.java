package io.merklebench.simulate;

import io.merklebench.core.tree.TreeView;
import io.merklebench.simulate.plan.Plan;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The RPC readers of a simulation: threads that read the last saved version of one tree, in a loop, while the
 * committer applies and hashes the next one. The engines allow reads of a saved view from other threads while
 * nobody saves or deletes a version ({@link io.merklebench.core.tree.MerkleTree}), so the committer holds this
 * pool's write lock around the save and pruning of that tree ({@link #exclusive}) and readers hold the read lock for
 * each operation: a reader's latency includes its wait for a commit, as an RPC client's would.
 *
 * <p>Each get picks a key from the live keys published with the view (by the phase's key choice, with a random
 * stream of its own), so some picks can name keys the view does not hold (deleted or moved for the next version):
 * those are counted as misses, not errors. Latency is recorded in nanoseconds in an HdrHistogram {@link Recorder},
 * read per version ({@link #takeVersion}).
 */
final class ReaderPool implements AutoCloseable {
    /** Latencies above this (in ns) are clamped: a reader stalled for a minute is a stall, not a figure. */
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Plan.Readers readers;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Recorder latencies = new Recorder(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram wholeRun = new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final LongAdder gets = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder ranges = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private final SplittableRandom seeds;
    private volatile Published published;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private Histogram interval;

    /** What readers read: a saved view, the live keys at its save, and how to pick among them. */
    private record Published(TreeView view, LiveKeys.Snapshot keys, Plan.KeyChoice keyChoice, long generation) {
    }

    ReaderPool(final Plan.Readers readers, final long seed) {
        this.readers = readers;
        this.seeds = new SplittableRandom(seed ^ 0x5EADE25L);
    }

    boolean active() {
        return readers.threads() > 0;
    }

    /** Runs {@code action} (a save or a version deletion of the read tree) while no reader is inside a read. */
    void exclusive(final Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Readers read {@code view} from now on; call inside {@link #exclusive} after the save. Starts them the first time. */
    void publish(final TreeView view, final LiveKeys.Snapshot keys, final Plan.KeyChoice keyChoice) {
        final Published previous = published;
        published = new Published(view, keys, keyChoice, previous == null ? 1 : previous.generation + 1);
        if (previous == null && active()) {
            for (int i = 0; i < readers.threads(); i++) {
                final SplittableRandom random = seeds.split();
                final Thread thread = new Thread(() -> readLoop(random), "mbench-reader-" + (i + 1));
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    /** The reads completed since the previous call, and their latency. Rethrows a reader's failure. */
    VersionReads takeVersion() {
        final Throwable failed = failure;
        if (failed instanceof OutOfMemoryError outOfMemory) {
            throw outOfMemory; // recorded as the committer's would be: where the run fell off the cliff
        }
        if (failed != null) {
            throw new IllegalStateException("a reader failed: " + failed, failed);
        }
        interval = latencies.getIntervalHistogram(interval);
        wholeRun.add(interval);
        final long count = interval.getTotalCount();
        final long versionGets;
        final long versionMisses;
        lock.writeLock().lock();
        try {
            versionGets = gets.sumThenReset();
            versionMisses = misses.sumThenReset();
        } finally {
            lock.writeLock().unlock();
        }
        return new VersionReads(versionGets, versionMisses, ranges.sumThenReset(),
            count == 0 ? Double.NaN : interval.getValueAtPercentile(50) / 1000.0,
            count == 0 ? Double.NaN : interval.getValueAtPercentile(99) / 1000.0,
            count == 0 ? Double.NaN : interval.getMaxValue() / 1000.0);
    }

    /** Get latency percentile over the whole run, microseconds; NaN without reads. */
    double wholeRunPercentileMicros(final double percentile) {
        return wholeRun.getTotalCount() == 0 ? Double.NaN : wholeRun.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Reads of one version. */
    record VersionReads(long gets, long misses, long ranges, double p50Micros, double p99Micros, double maxMicros) {
        static final VersionReads NONE = new VersionReads(0, 0, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    private void readLoop(final SplittableRandom random) {
        long generation = 0;
        KeyChooser chooser = null;
        long getsSinceRange = 0;
        try {
            while (!stopped) {
                final long start = System.nanoTime();
                lock.readLock().lock();
                try {
                    if (stopped) {
                        return; // close() set it under the write lock: the trees may be closing
                    }
                    final Published current = published;
                    if (current.generation != generation) {
                        generation = current.generation;
                        chooser = KeyChooser.of(current.keyChoice, random, current.keys.size());
                    }
                    if (current.keys.size() == 0) {
                        Thread.yield(); // an empty store: do not take a core from the committer
                        continue;
                    }
                    final byte[] key = current.keys.keys()[chooser.pick(current.keys.size())];
                    if (key == null || current.view.get(key) == null) {
                        misses.increment();
                    }
                    // Both counts under the read lock: the per-version snapshot takes them under the write lock, so
                    // a get and its miss always land in the same version (misses never exceed gets).
                    gets.increment();
                } finally {
                    lock.readLock().unlock();
                }
                latencies.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, System.nanoTime() - start));
                if (readers.rangeLength() > 0 && ++getsSinceRange >= readers.rangeEvery()) {
                    getsSinceRange = 0;
                    iterateRange(random);
                }
            }
        } catch (final Throwable t) {
            if (!stopped) {
                failure = t;
            }
        }
    }

    /** One range iteration of {@code rangeLength} entries from a random live key; not part of the get latency. */
    private void iterateRange(final SplittableRandom random) {
        lock.readLock().lock();
        try {
            final Published current = published;
            if (stopped || current.keys.size() == 0) {
                return;
            }
            final byte[] from = current.keys.keys()[random.nextInt(current.keys.size())];
            final int[] left = {readers.rangeLength()};
            current.view.iterate(from, null, (key, value) -> --left[0] > 0 && !stopped);
            ranges.increment();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Stops the readers. {@code stopped} is set under the write lock, so no reader is inside a read when this
     * returns and none starts another: the trees can be closed after it.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            stopped = true;
        } finally {
            lock.writeLock().unlock();
        }
        for (final Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

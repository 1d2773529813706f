package io.merklebench.simulate;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.hostinfo.DirectorySize;
import io.merklebench.hostinfo.KernelIoCounters;
import io.merklebench.results.SimulationRow;
import io.merklebench.simulate.plan.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One simulation: a plan's versions applied to one engine on one store, in this JVM. Per version: generate the
 * operations ({@link OperationGenerator}, timed apart as the simulator's own cost), apply them to the working trees,
 * hash every tree, save every tree (durably when the plan says so for this version), prune, and publish the saved
 * view to the readers; then record a {@link SimulationRow}. Before a version the plan may evict the stores' files
 * from the page cache (not timed). Before version 1 a throwaway generator warms the generator's code up
 * ({@link OperationGenerator#warmUp}, not timed). A stop request is honoured at a version boundary, and what was measured is kept.
 *
 * <p>Every answer an engine gives is checked against what the generator knows: an insert must not find its key, an
 * update, delete or get must find it; a wrong answer ends the run with a {@link SimulationException}.
 */
public final class Simulation {
    private static final double NANOS_PER_MILLI = 1e6;

    private final Settings settings;
    private final Plan plan;

    /**
     * @param versions      versions to run (at most the plan's)
     * @param dryRun        generate the operations (and write the changeset) but apply nothing: the simulator's own cost
     * @param changesetFile where to write the operations as changesets (one per store; see {@link ChangesetFiles}), or null
     * @param stopRequested checked at every version boundary
     */
    public record Settings(Plan plan, String engine, String store, Path dataDirectory, long versions, int fork,
                           boolean dryRun, Path changesetFile, Progress progress, BooleanSupplier stopRequested) {
    }

    /** Receives a line now and then: the version, keys, operations per second and an estimate of the time left. */
    public interface Progress {
        void report(String line);
    }

    /** What a simulation measured; {@code failure} says why it ended early (null when it did not). */
    public record Outcome(List<SimulationRow> rows, long versionsDone, boolean stopped, String failure, byte[] appHash,
                          long keys,
                          double readerP50Micros, double readerP99Micros, double peakRssBytes, double finalDiskBytes,
                          double generateMillis, double applyMillis, long operations) {
        public String appHashHex() {
            return appHash == null ? "" : Bytes.toHex(appHash);
        }
    }

    /** Receives the rows so far every {@link #CHECKPOINT_EVERY_NANOS} (between versions, outside every timed phase). */
    public interface Checkpoint {
        void rows(List<SimulationRow> rowsSoFar);
    }

    /** How often a {@link Checkpoint} gets the rows: a fork that dies keeps all but the last half minute. */
    static final long CHECKPOINT_EVERY_NANOS = 30_000_000_000L;

    private final Checkpoint checkpoint;
    private final long checkpointEveryNanos;

    public Simulation(final Settings settings) {
        this(settings, rowsSoFar -> { });
    }

    public Simulation(final Settings settings, final Checkpoint checkpoint) {
        this(settings, checkpoint, CHECKPOINT_EVERY_NANOS);
    }

    /** For tests: checkpoints every {@code checkpointEveryNanos}. */
    Simulation(final Settings settings, final Checkpoint checkpoint, final long checkpointEveryNanos) {
        this.settings = settings;
        this.plan = settings.plan();
        this.checkpoint = checkpoint;
        this.checkpointEveryNanos = checkpointEveryNanos;
    }

    public Outcome run() {
        OperationGenerator.warmUp(plan);
        final OperationGenerator generator = new OperationGenerator(plan);
        final VersionOperations operations = new VersionOperations();
        final List<SimulationRow> rows = new ArrayList<>();
        final ProgressClock clock = new ProgressClock(settings.progress(), label(), settings.versions());
        final PageCacheEviction eviction = !settings.dryRun() && plan.cache().evictPageCacheEvery() > 0
            ? PageCacheEviction.load() : null;
        final int readerStore = plan.readers().threads() > 0 ? plan.storeIndex(plan.readers().store()) : -1;
        final boolean persistent = !settings.dryRun() && Registry.store(settings.store()).persistent();
        try (ChangesetFiles changesets = ChangesetFiles.open(settings.changesetFile(), plan);
             Chain chain = settings.dryRun() ? null : new Chain(plan, settings.engine(), settings.store(),
                 settings.dataDirectory());
             ReaderPool readers = new ReaderPool(plan.readers(), plan.seed())) {
            final KernelIoCounters kernel = KernelIoCounters.ofThisProcess(settings.dataDirectory());
            final KernelIoCounters.Totals before = new KernelIoCounters.Totals();
            final KernelIoCounters.Totals after = new KernelIoCounters.Totals();
            final ProcessMemory memory = new ProcessMemory();
            final byte[][] roots = new byte[plan.stores().size()][];
            byte[] appHash = null;
            double peakRss = Double.NaN;
            double diskBytes = Double.NaN;
            double generateTotal = 0;
            double applyTotal = 0;
            long operationsTotal = 0;
            boolean stopped = false;
            String failure = null;
            long version = 0;
            long lastCheckpoint = System.nanoTime();
            try {
                while (version < settings.versions()) {
                    if (settings.stopRequested().getAsBoolean()) {
                        stopped = true;
                        break;
                    }
                    version++;
                    final Plan.Phase phase = plan.phaseOf(version);
                    final boolean evicted = eviction != null && plan.cache().evicts(version);
                    if (evicted) {
                        eviction.evict(settings.dataDirectory());
                    }
                    final long generateStart = System.nanoTime();
                    generator.next(operations);
                    final double generateMillis = (System.nanoTime() - generateStart) / NANOS_PER_MILLI;
                    generateTotal += generateMillis;
                    operationsTotal += operations.count();
                    kernel.readInto(before);
                    final StoreCounters.Snapshot countersBefore = chain == null ? null : chain.counters();
                    double applyMillis = 0;
                    double hashMillis = 0;
                    double saveMillis = 0;
                    double pruneMillis = 0;
                    if (chain != null) {
                        final long applyStart = System.nanoTime();
                        apply(chain, operations);
                        final long hashStart = System.nanoTime();
                        for (int i = 0; i < chain.size(); i++) {
                            chain.tree(i).rootHash();
                        }
                        final long saveStart = System.nanoTime();
                        final boolean durable = plan.durability().durable(version);
                        for (int i = 0; i < chain.size(); i++) {
                            final MerkleTree tree = chain.tree(i);
                            final int index = i;
                            if (i == readerStore) {
                                // Save and publish in one exclusive section: pruning may delete the version the
                                // readers held until now, so they must already read this one.
                                final long saved = version;
                                readers.exclusive(() -> {
                                    roots[index] = tree.save(durable);
                                    readers.publish(tree.view(saved), generator.liveKeys(index).snapshot(),
                                        phase.keyChoice());
                                });
                            } else {
                                roots[i] = tree.save(durable);
                            }
                        }
                        final long pruneStart = System.nanoTime();
                        prune(chain, version, readers, readerStore);
                        final long pruneEnd = System.nanoTime();
                        applyMillis = (hashStart - applyStart) / NANOS_PER_MILLI;
                        hashMillis = (saveStart - hashStart) / NANOS_PER_MILLI;
                        saveMillis = (pruneStart - saveStart) / NANOS_PER_MILLI;
                        pruneMillis = (pruneEnd - pruneStart) / NANOS_PER_MILLI;
                        applyTotal += applyMillis;
                        appHash = chain.appHash(roots);
                    }
                    changesets.version(operations, settings.dryRun() ? null : roots);
                    kernel.readInto(after);
                    final StoreCounters.Snapshot work = chain == null
                        ? new StoreCounters.Snapshot(0, 0, 0) : chain.counters().minus(countersBefore);
                    final ReaderPool.VersionReads reads = readers.active() ? readers.takeVersion() : ReaderPool.VersionReads.NONE;
                    final double rss = ProcessMemory.residentBytes();
                    peakRss = Double.isNaN(peakRss) ? rss : Math.max(peakRss, rss);
                    final boolean last = version == settings.versions();
                    final double disk = chain != null && persistent && (last || version % plan.diskUsageEvery() == 0)
                        ? DirectorySize.bytes(settings.dataDirectory()) : Double.NaN;
                    if (!Double.isNaN(disk)) {
                        diskBytes = disk;
                    }
                    final double commitMillis = hashMillis + saveMillis + pruneMillis;
                    final double seconds = (applyMillis + commitMillis) / 1000.0;
                    final long leaves = operations.sets() + operations.deletes();
                    rows.add(new SimulationRow(settings.engine(), settings.store(), settings.fork(), version, phase.name(),
                        generator.keyCount(), operations.count(), operations.sets(), operations.deletes(), generateMillis,
                        applyMillis, hashMillis, saveMillis, pruneMillis, commitMillis,
                        seconds > 0 ? leaves / seconds : Double.NaN, work.syncCount(), work.bytesWritten(),
                        delta(after.processReadBytes(), before.processReadBytes()),
                        delta(after.processWriteBytes(), before.processWriteBytes()),
                        memory.heapUsedAfterLastGc(), rss, disk, reads.gets(), reads.misses(), reads.ranges(),
                        reads.p50Micros(), reads.p99Micros(), reads.maxMicros(), evicted));
                    clock.versionDone(version, generator.keyCount(), operations.count(), phase.name());
                    if (System.nanoTime() - lastCheckpoint >= checkpointEveryNanos) {
                        checkpoint.rows(List.copyOf(rows));
                        lastCheckpoint = System.nanoTime();
                    }
                }
            } catch (final OutOfMemoryError e) {
                // The versions before this one are measured; say where the engine fell off the cliff.
                failure = "ran out of Java heap at version " + version + " (" + generator.keyCount() + " keys, max heap "
                    + Runtime.getRuntime().maxMemory() / (1L << 20) + " MiB)";
                version--;
            }
            clock.finished(version, stopped);
            return new Outcome(List.copyOf(rows), version, stopped, failure, appHash, generator.keyCount(),
                readers.wholeRunPercentileMicros(50), readers.wholeRunPercentileMicros(99), peakRss, diskBytes,
                generateTotal, applyTotal, operationsTotal);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the changeset: " + e.getMessage(), e);
        }
    }

    private String label() {
        return settings.dryRun() ? "dry run" : settings.engine() + ":" + settings.store() + " fork " + settings.fork();
    }

    private void apply(final Chain chain, final VersionOperations operations) {
        for (int i = 0; i < operations.count(); i++) {
            final MerkleTree tree = chain.tree(operations.store(i));
            final byte[] key = operations.key(i);
            switch (operations.kind(i)) {
                case VersionOperations.INSERT -> {
                    if (tree.set(key, operations.value(i))) {
                        throw wrongAnswer(operations, i, "an insert of a fresh key found it present");
                    }
                }
                case VersionOperations.UPDATE -> {
                    if (!tree.set(key, operations.value(i))) {
                        throw wrongAnswer(operations, i, "an update of a live key did not find it");
                    }
                }
                case VersionOperations.DELETE -> {
                    if (!tree.remove(key)) {
                        throw wrongAnswer(operations, i, "a delete of a live key did not find it");
                    }
                }
                default -> {
                    if (tree.get(key) == null) {
                        throw wrongAnswer(operations, i, "a get of a live key returned nothing");
                    }
                }
            }
        }
    }

    private SimulationException wrongAnswer(final VersionOperations operations, final int index, final String what) {
        return new SimulationException(settings.engine() + ":" + settings.store() + " gave a wrong answer at version "
            + operations.version() + ", store " + plan.stores().get(operations.store(index)).name() + ": " + what
            + " (key " + Bytes.toHex(operations.key(index)) + ")");
    }

    /** Every {@code interval} versions, deletes the saved versions at or below {@code version - keepRecent}. */
    private void prune(final Chain chain, final long version, final ReaderPool readers, final int readerStore) {
        final Plan.Pruning pruning = plan.pruning();
        if (!pruning.prunes() || version % pruning.interval() != 0) {
            return;
        }
        final long newestDropped = version - pruning.keepRecent();
        for (int i = 0; i < chain.size(); i++) {
            final MerkleTree tree = chain.tree(i);
            final Runnable deleteOld = () -> {
                for (final long saved : tree.savedVersions()) {
                    if (saved <= newestDropped) {
                        tree.deleteVersion(saved);
                    }
                }
            };
            if (i == readerStore) {
                readers.exclusive(deleteOld);
            } else {
                deleteOld.run();
            }
        }
    }

    private static double delta(final long after, final long before) {
        return after == KernelIoCounters.NOT_EXPOSED || before == KernelIoCounters.NOT_EXPOSED
            ? Double.NaN : after - before;
    }

    /** Progress lines at most every few seconds, with an estimate of the time left from the pace so far. */
    private static final class ProgressClock {
        private static final long REPORT_EVERY_NANOS = 2_000_000_000L;

        private final Progress progress;
        private final String label;
        private final long versions;
        private final long start = System.nanoTime();
        private long lastReport = start;
        private long operationsSinceReport;

        ProgressClock(final Progress progress, final String label, final long versions) {
            this.progress = progress;
            this.label = label;
            this.versions = versions;
        }

        void versionDone(final long version, final long keys, final long operations, final String phase) {
            operationsSinceReport += operations;
            final long now = System.nanoTime();
            if (now - lastReport < REPORT_EVERY_NANOS && version != versions) {
                return;
            }
            final double seconds = (now - lastReport) / 1e9;
            final double elapsed = (now - start) / 1e9;
            final double left = elapsed / version * (versions - version);
            progress.report(String.format(java.util.Locale.ROOT,
                "%s: version %,d/%,d (%s), %,d keys, %,.0f ops/s, %s left",
                label, version, versions, phase, keys, operationsSinceReport / Math.max(seconds, 1e-9),
                duration(left)));
            lastReport = now;
            operationsSinceReport = 0;
        }

        void finished(final long version, final boolean stopped) {
            final double elapsed = (System.nanoTime() - start) / 1e9;
            progress.report(String.format(java.util.Locale.ROOT, "%s: %s after %,d versions in %s", label,
                stopped ? "stopped" : "done", version, duration(elapsed)));
        }

        private static String duration(final double seconds) {
            final long whole = Math.round(seconds);
            return whole >= 3600 ? String.format(java.util.Locale.ROOT, "%dh%02dm", whole / 3600, whole % 3600 / 60)
                : whole >= 60 ? String.format(java.util.Locale.ROOT, "%dm%02ds", whole / 60, whole % 60)
                : whole + "s";
        }
    }
}

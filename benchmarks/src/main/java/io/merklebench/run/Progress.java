package io.merklebench.run;

import io.merklebench.results.ResultColumns;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress lines of {@code mbench run}: which fork of which case runs, how many forks are left, elapsed time and an
 * estimate of the time left. The estimate starts from each fork's expected length ({@link #expectedForkSeconds})
 * and is scaled by how the finished forks compared with their own expectation, so it corrects itself on a slow or
 * busy machine. The constants below were measured on the shared 2-core development VM while other builds ran: they
 * are only indicative, and the integrator re-measures on a quiet machine. Not thread-safe.
 */
public final class Progress {
    /**
     * Starting a forked JVM, JMH's handshake and iteration bookkeeping, the gc profiler, teardown and the JVM's exit,
     * per fork, apart from loading the tree and the iterations themselves: the median of (fork wall time - iteration
     * time) was 1.18 s over the 104 forks of a smoke run with 2 forks (p90 1.9 s), and 1.0 to 2.5 s for quick's 10k
     * cases, measured at a load average of 5 to 6 on the 2-core development VM. order.csv's
     * {@code toFirstIterationMillis} (launch to the first iteration: JVM start and JMH's handshake; the trial setup
     * runs inside that iteration) was 0.24 to 0.75 s of it (median 0.48 s), up to 1.2 s for the first fork of a run.
     * On the same VM with nothing else running (quick, 117 forks, Intel Xeon host) a query fork took a median of
     * 1.41 s for 0.6 s of iterations, launch to first iteration 0.28 s: about 0.8 s of overhead. On the AMD host,
     * quiet, the forks of 10k-key query hits and store gets took a median of 0.76 to 0.77 s beyond their 0.6 s of
     * iterations in three quick runs (20261202T231542Z, 20261203T053254Z, 20261203T054311Z; 0.91 s in
     * 20261202T231144Z), loading 10k keys included: 0.65 s of overhead plus the 0.12 s of loading, the figure used.
     */
    static final double FORK_OVERHEAD_SECONDS = 0.65;
    /**
     * Loading one key in setup, in a fresh (not yet compiled) fork, saved once per million keys: measured 20 to 38 s
     * per 1M keys for heap and paged, 18 to 20 s for array, on the 2-core VM while other builds ran; setup runs once
     * per fork. With forks of their own, 1M-key query hits on mmap took 8 to 14 s a fork (array) and 22 to 32 s
     * (paged31), a 1M-key TMSP block fork (heap on lmdb) 15 to 57 s, at a load average of 5 to 6. On the same VM
     * with nothing else running, 1M-key forks took 9.3 s (array query on mmap), 9.5 to 13.5 s (paged31 query on
     * pagefile and mmap), 16 s (heap block on rocksdb) and 24 s (paged31 block on rocksdb): about 7 to 18 s of
     * loading, 12 us a key, the figure used.
     */
    static final double LOAD_SECONDS_PER_KEY = 1.2e-5;
    /**
     * Engines that load far slower than the IAVL layouts: mpt (Tuweni's trie, each put a chain of suspended calls,
     * Keccak hashing and RLP) took 158 s for a fork of a 1M-key query hit on lmdb (20261203T061941Z), almost all of it
     * loading: 150 us a key, 13 times the others.
     */
    static final Map<String, Double> SLOW_LOADING_SECONDS_PER_KEY = Map.of("mpt", 1.5e-4);
    /**
     * A single-shot iteration: 1000 operations with their saves, which took 20 to 90 ms for array and heap and 0.2
     * to 1.2 s for the paged engines in durable blocks on rocksdb; a middle value.
     */
    static final double SINGLE_SHOT_ITERATION_SECONDS = 0.25;
    /**
     * Each JMH thread beyond the first, per fork: starting it, its per-thread state and JMH's iteration
     * synchronisation; a fork of 64 committers took about 8 s for 0.55 s of iterations.
     */
    static final double THREAD_SECONDS = 0.1;

    private final PrintWriter out;
    private final int forkCount;
    private final long startNanos;
    private double expectedDoneSeconds;
    private double remainingExpectedSeconds;
    private int done;

    public Progress(final PrintWriter out, final List<ForkSchedule.Entry> schedule, final long startNanos) {
        this.out = out;
        this.forkCount = schedule.size();
        this.startNanos = startNanos;
        for (final ForkSchedule.Entry entry : schedule) {
            remainingExpectedSeconds += expectedForkSeconds(entry.plannedCase());
        }
    }

    /** Expected seconds for the whole schedule, before anything ran. */
    public static double expectedTotalSeconds(final List<PlannedCase> cases, final int forks) {
        double total = 0;
        for (final PlannedCase plannedCase : cases) {
            total += plannedCase.forksIn(forks) * expectedForkSeconds(plannedCase);
        }
        return total;
    }

    /** Prints the line announcing the next fork. */
    public void starting(final ForkSchedule.Entry entry, final long nowNanos) {
        out.printf("[%d/%d] fork %d/%d %s  (elapsed %s, about %s left)%n", done + 1, forkCount, entry.fork(),
            entry.forks(), entry.plannedCase().label(), format(elapsedSeconds(nowNanos)),
            format(estimatedRemainingSeconds(nowNanos)));
        out.flush();
    }

    /** Records that a fork finished; {@code failure} is printed when not null, with how many forks are skipped. */
    public void finished(final ForkSchedule.Entry entry, final String failure) {
        done++;
        final double expected = expectedForkSeconds(entry.plannedCase());
        expectedDoneSeconds += expected;
        remainingExpectedSeconds -= expected;
        if (failure != null) {
            final int skipped = entry.forks() - entry.fork();
            out.println("    FAILED: " + failure + (skipped == 0 ? ""
                : " (its remaining " + skipped + " fork" + (skipped == 1 ? "" : "s") + " will be skipped)"));
            out.flush();
        }
    }

    /** Records a fork that is not run (an earlier fork of its case failed): it no longer counts as time left. */
    public void skipped(final ForkSchedule.Entry entry) {
        done++;
        remainingExpectedSeconds -= expectedForkSeconds(entry.plannedCase());
    }

    /** Time left: the expected time of the forks not yet done, scaled by actual/expected of those done. */
    double estimatedRemainingSeconds(final long nowNanos) {
        final double elapsed = elapsedSeconds(nowNanos);
        final double speed = expectedDoneSeconds > 0 ? elapsed / expectedDoneSeconds : 1.0;
        return Math.max(0, remainingExpectedSeconds) * speed;
    }

    double elapsedSeconds(final long nowNanos) {
        return (nowNanos - startNanos) / 1e9;
    }

    /** One fork's expected duration: JVM start, loading the tree, warmup and measurement, extra threads. */
    public static double expectedForkSeconds(final PlannedCase plannedCase) {
        final Timing timing = plannedCase.timing();
        final int iterations = timing.warmupIterations() + timing.measurementIterations();
        final double measuring = timing.singleShot()
            ? iterations * SINGLE_SHOT_ITERATION_SECONDS
            : (timing.warmupIterations() * timing.warmupMillis() + timing.measurementIterations()
                * timing.measurementMillis()) / 1000.0;
        final String size = plannedCase.params().get(ResultColumns.SIZE);
        final double loading = size == null ? 0 : Long.parseLong(size) * SLOW_LOADING_SECONDS_PER_KEY.getOrDefault(
            plannedCase.params().getOrDefault(ResultColumns.ENGINE, ""), LOAD_SECONDS_PER_KEY);
        final String threads = plannedCase.params().get(ResultColumns.THREADS);
        final double threadStarts = threads == null ? 0 : (Integer.parseInt(threads) - 1) * THREAD_SECONDS;
        return FORK_OVERHEAD_SECONDS + loading + measuring + threadStarts;
    }

    /** {@code 1h02m}, {@code 4m05s}, {@code 12s}. */
    public static String format(final double seconds) {
        final Duration duration = Duration.ofSeconds(Math.round(seconds));
        if (duration.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", duration.toHours(), duration.toMinutesPart());
        }
        if (duration.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
        }
        return duration.toSeconds() + "s";
    }
}

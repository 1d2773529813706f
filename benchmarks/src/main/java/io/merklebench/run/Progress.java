package io.merklebench.run;

import io.merklebench.results.ResultColumns;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Progress lines of {@code mbench run}: which case runs, how many are left, elapsed time and an estimate of the time
 * left. The estimate starts from each case's expected length ({@link #expectedSeconds}) and is scaled by how the
 * finished cases compared with their own expectation, so it corrects itself on a slow or busy machine.
 * Not thread-safe.
 */
public final class Progress {
    /** Starting a forked JVM and JMH's handshake, per fork. */
    static final double FORK_OVERHEAD_SECONDS = 2.0;
    /**
     * Loading one key in setup, in a fresh (not yet compiled) fork, saved once per million keys: measured 20 to 38 s
     * per 1M keys for heap and paged, 18 to 20 s for array, on the 2-core VM while other builds ran; setup runs once
     * per fork.
     */
    static final double LOAD_SECONDS_PER_KEY = 2.5e-5;
    /** A single-shot iteration (1000 operations, with saves) when nothing better is known. */
    static final double SINGLE_SHOT_ITERATION_SECONDS = 0.05;

    private final PrintWriter out;
    private final List<PlannedCase> cases;
    private final long startNanos;
    private double expectedDoneSeconds;
    private double remainingExpectedSeconds;
    private int done;

    public Progress(final PrintWriter out, final List<PlannedCase> cases, final long startNanos) {
        this.out = out;
        this.cases = List.copyOf(cases);
        this.startNanos = startNanos;
        for (final PlannedCase plannedCase : cases) {
            remainingExpectedSeconds += expectedSeconds(plannedCase);
        }
    }

    /** Expected seconds for the whole plan, before anything ran. */
    public double expectedTotalSeconds() {
        double total = 0;
        for (final PlannedCase plannedCase : cases) {
            total += expectedSeconds(plannedCase);
        }
        return total;
    }

    /** Prints the line announcing the next case. */
    public void starting(final PlannedCase plannedCase, final long nowNanos) {
        out.printf("[%d/%d] %s  (elapsed %s, about %s left)%n", done + 1, cases.size(), plannedCase.label(),
            format(elapsedSeconds(nowNanos)), format(estimatedRemainingSeconds(nowNanos)));
        out.flush();
    }

    /** Records that a case finished; {@code failure} is printed when not null. */
    public void finished(final PlannedCase plannedCase, final String failure) {
        done++;
        final double expected = expectedSeconds(plannedCase);
        expectedDoneSeconds += expected;
        remainingExpectedSeconds -= expected;
        if (failure != null) {
            out.println("    FAILED: " + failure);
            out.flush();
        }
    }

    /** Time left: the expected time of the cases not yet done, scaled by actual/expected of those done. */
    double estimatedRemainingSeconds(final long nowNanos) {
        final double elapsed = elapsedSeconds(nowNanos);
        final double speed = expectedDoneSeconds > 0 ? elapsed / expectedDoneSeconds : 1.0;
        return Math.max(0, remainingExpectedSeconds) * speed;
    }

    double elapsedSeconds(final long nowNanos) {
        return (nowNanos - startNanos) / 1e9;
    }

    /** A case's expected duration: per fork, JVM start, loading, warmup and measurement. */
    public static double expectedSeconds(final PlannedCase plannedCase) {
        final Timing timing = plannedCase.timing();
        final int iterations = timing.warmupIterations() + timing.measurementIterations();
                final double measuring = timing.singleShot()
            ? iterations * SINGLE_SHOT_ITERATION_SECONDS
            : (timing.warmupIterations() * timing.warmupMillis() + timing.measurementIterations()
                * timing.measurementMillis()) / 1000.0;
        final String size = plannedCase.params().get(ResultColumns.SIZE);
        final double loading = size == null ? 0 : Long.parseLong(size) * LOAD_SECONDS_PER_KEY;
        return timing.forks() * (FORK_OVERHEAD_SECONDS + loading + measuring);
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

package io.merklebench.run;

/**
 * How long JMH measures one fork of a benchmark case: warmup and measurement iterations and each iteration's length
 * (timed modes; SingleShotTime runs one invocation per iteration and ignores it). How many forks repeat it is the
 * run's choice ({@code mbench run --forks}, {@link Profile#defaultForks()}), the same for every case of a run.
 *
 * @param warmupIterations      iterations run and discarded first, so the JIT has compiled the hot code
 * @param warmupMillis          length of a warmup iteration
 * @param measurementIterations iterations recorded (one {@code samples.csv} row each, per fork)
 * @param measurementMillis     length of a measurement iteration
 * @param singleShot            whether the entry's benchmarks are SingleShotTime (iteration lengths unused); only
 *                              the time estimate reads it, the mode itself is the benchmark's annotation
 */
public record Timing(int warmupIterations, long warmupMillis, int measurementIterations, long measurementMillis,
                     boolean singleShot) {

    public Timing {
        if (warmupIterations < 0) {
            throw new IllegalArgumentException("warmupIterations must be 0 or more: warmupIterations=" + warmupIterations);
        }
        if (measurementIterations < 1) {
            throw new IllegalArgumentException("measurementIterations must be at least 1: measurementIterations="
                + measurementIterations);
        }
        if (warmupMillis < 1 || measurementMillis < 1) {
            throw new IllegalArgumentException("iteration lengths must be at least 1 ms: warmupMillis=" + warmupMillis
                + " measurementMillis=" + measurementMillis);
        }
    }

    /** Timed modes (avgt, sample, thrpt): iterations of a fixed length. */
    public static Timing timed(final int warmupIterations, final long warmupMillis, final int measurementIterations,
                               final long measurementMillis) {
        return new Timing(warmupIterations, warmupMillis, measurementIterations, measurementMillis, false);
    }

    /** SingleShotTime: one invocation per iteration, so only the counts matter. */
    public static Timing singleShot(final int warmupIterations, final int measurementIterations) {
        return new Timing(warmupIterations, 1, measurementIterations, 1, true);
    }
}

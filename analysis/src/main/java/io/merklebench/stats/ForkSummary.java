package io.merklebench.stats;

import org.apache.commons.statistics.distribution.TDistribution;

import java.util.Arrays;
import java.util.List;

/**
 * One side of a comparison, with the fork as the unit of replication: each fork (one JVM) contributes one value, the
 * mean of its measured iterations (JMH's own per-fork score). Iterations inside a fork share that JVM's JIT
 * decisions, heap layout and page placement, so they are not independent of each other; forks are. Immutable.
 *
 * <p>The centre is the geometric mean of the fork values, with a 95% Student-t interval computed on their logarithms
 * (benchmark costs vary by factors, not by fixed amounts, and the log makes a 2x slower fork as far from the centre as
 * a 2x faster one). Where a fork value is zero or negative there is no logarithm, and the arithmetic mean and a plain
 * t interval are used instead ({@link #logScale()} false). The noise is the coefficient of variation of the fork
 * values: their sample standard deviation in percent of their mean. With one fork there is neither interval nor
 * noise (NaN).
 *
 * <p>Example: forks of 100, 110 and 90 ns give a centre of 99.7 ns, a 95% interval of [77.7, 127.9] ns and 10.0%
 * noise: three forks pin a centre down only to about ±25% at this noise.
 *
 * @param forkValues    the per-fork means, in fork order
 * @param sampleCount   iterations behind them, all forks together
 * @param centre        geometric (or arithmetic, see above) mean of the fork values
 * @param low           lower end of the 95% interval of the centre, NaN with one fork
 * @param high          upper end, NaN with one fork
 * @param noisePercent  coefficient of variation of the fork values in percent, NaN with one fork
 * @param logScale      true if centre, interval and tests use the logarithms of the fork values
 */
public record ForkSummary(double[] forkValues, int sampleCount, double centre, double low, double high,
                          double noisePercent, boolean logScale) {
    /** The level of {@link #low()} and {@link #high()}. */
    public static final double CONFIDENCE = 0.95;

    public ForkSummary {
        forkValues = forkValues.clone();
    }

    /**
     * Summarises {@code forks}: one array of measured iteration values per fork (empty arrays are skipped).
     *
     * @throws IllegalArgumentException if no fork has a value, or a value is NaN or infinite
     */
    public static ForkSummary of(final List<double[]> forks) {
        final double[] values = new double[forks.size()];
        int forkCount = 0;
        int samples = 0;
        for (final double[] iterations : forks) {
            if (iterations.length == 0) {
                continue;
            }
            double sum = 0;
            for (final double value : iterations) {
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("fork values must be finite: value=" + value);
                }
                sum += value;
            }
            values[forkCount++] = sum / iterations.length;
            samples += iterations.length;
        }
        if (forkCount == 0) {
            throw new IllegalArgumentException("a side needs at least one fork with a measured iteration");
        }
        return ofForkValues(Arrays.copyOf(values, forkCount), samples);
    }

    /** Summarises per-fork values directly ({@code sampleCount} iterations behind them). */
    public static ForkSummary ofForkValues(final double[] forkValues, final int sampleCount) {
        if (forkValues.length == 0) {
            throw new IllegalArgumentException("a side needs at least one fork value");
        }
        final boolean logScale = Arrays.stream(forkValues).allMatch(value -> value > 0);
        final double[] scaled = logScale ? logs(forkValues) : forkValues.clone();
        final int count = scaled.length;
        final double mean = mean(scaled);
        final double centre = logScale ? Math.exp(mean) : mean;
        if (count < 2) {
            return new ForkSummary(forkValues, sampleCount, centre, Double.NaN, Double.NaN, Double.NaN, logScale);
        }
        final double halfWidth = tQuantile(count - 1) * Math.sqrt(variance(scaled) / count);
        final double low = logScale ? Math.exp(mean - halfWidth) : mean - halfWidth;
        final double high = logScale ? Math.exp(mean + halfWidth) : mean + halfWidth;
        final double rawMean = mean(forkValues);
        final double noise = rawMean == 0 ? Double.NaN
            : Math.sqrt(variance(forkValues)) / Math.abs(rawMean) * 100;
        return new ForkSummary(forkValues, sampleCount, centre, low, high, noise, logScale);
    }

    /** Number of forks. */
    public int forkCount() {
        return forkValues.length;
    }

    @Override
    public double[] forkValues() {
        return forkValues.clone();
    }

    /** False with one fork. */
    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** The larger distance from the centre to an interval end, in percent of the centre; NaN without interval. */
    public double halfWidthPercent() {
        if (!hasInterval() || centre == 0) {
            return Double.NaN;
        }
        return Math.max(centre - low, high - centre) / Math.abs(centre) * 100;
    }

    /** The fork values on the scale the tests use (logarithms when {@link #logScale()}). */
    double[] testScale(final boolean useLogs) {
        return useLogs ? logs(forkValues) : forkValues.clone();
    }

    /** The two-sided {@link #CONFIDENCE} quantile of Student's t with {@code degreesOfFreedom}. */
    static double tQuantile(final double degreesOfFreedom) {
        return TDistribution.of(degreesOfFreedom).inverseSurvivalProbability((1 - CONFIDENCE) / 2);
    }

    static double mean(final double[] values) {
        double sum = 0;
        for (final double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /**
     * The coefficient of variation of per-fork values, percent: their standard deviation (n - 1) over the absolute
     * value of their mean. NaN with fewer than 2 values, or a mean of 0 or not finite. What results.csv calls
     * {@code forkCvPercent}, for the matrix's rows and the simulator's.
     */
    public static double cvPercent(final double[] forkValues) {
        if (forkValues.length < 2) {
            return Double.NaN;
        }
        final double mean = mean(forkValues);
        if (mean == 0 || !Double.isFinite(mean)) {
            return Double.NaN;
        }
        final double percent = Math.sqrt(variance(forkValues)) / Math.abs(mean) * 100;
        return Double.isFinite(percent) ? percent : Double.NaN;
    }

    /** Sample variance (n - 1 in the denominator); 0 for one value. */
    static double variance(final double[] values) {
        if (values.length < 2) {
            return 0;
        }
        final double mean = mean(values);
        double squares = 0;
        for (final double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return squares / (values.length - 1);
    }

    private static double[] logs(final double[] values) {
        final double[] logs = new double[values.length];
        for (int index = 0; index < values.length; index++) {
            logs[index] = Math.log(values[index]);
        }
        return logs;
    }
}

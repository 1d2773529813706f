package io.merklebench.stats;

/**
 * Geometric mean of ratios, the summary benchstat prints per table: it weighs a 2× change on a 10 ns row the same as
 * a 2× change on a 10 ms row, which an arithmetic mean of percentages would not. Not thread-safe (accumulates).
 */
public final class GeometricMean {
    private double logSum;
    private int count;

    /** Adds one positive ratio; non-positive or non-finite ratios are ignored (they have no logarithm). */
    public void add(final double ratio) {
        if (ratio > 0 && Double.isFinite(ratio)) {
            logSum += Math.log(ratio);
            count++;
        }
    }

    /** Number of ratios added. */
    public int count() {
        return count;
    }

    /** The geometric mean, NaN if nothing was added. */
    public double value() {
        return count == 0 ? Double.NaN : Math.exp(logSum / count);
    }
}

package io.merklebench.stats;

/** The standard normal distribution's upper tail, for the large-sample Mann–Whitney approximation. */
final class Normal {
    private Normal() {
    }

    /** P(Z ≥ z) for standard normal Z. */
    static double upperTail(final double z) {
        return 0.5 * complementaryErrorFunction(z / Math.sqrt(2));
    }

    /**
     * erfc(x) by the Chebyshev-fitted rational approximation published in Numerical Recipes ("erfcc"), fractional
     * error below 1.2e-7 everywhere: far finer than any p-value is read.
     */
    static double complementaryErrorFunction(final double x) {
        final double z = Math.abs(x);
        final double t = 1 / (1 + 0.5 * z);
        final double polynomial = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
            + t * 0.17087277))))))));
        final double value = t * Math.exp(polynomial);
        return x >= 0 ? value : 2 - value;
    }
}

package io.merklebench.stats;

/** Binomial(n, 1/2) probabilities, computed in log space so n in the thousands does not overflow. */
final class Binomial {
    private Binomial() {
    }

    /** P(lowCount ≤ B ≤ highCount) for B ~ Binomial(n, 1/2). */
    static double halfProbabilityBetween(final int n, final int lowCount, final int highCount) {
        double sum = 0;
        for (int count = Math.max(0, lowCount); count <= Math.min(n, highCount); count++) {
            sum += Math.exp(logChoose(n, count) - n * Math.log(2));
        }
        return Math.min(1.0, sum);
    }

    /** ln C(n, k). */
    static double logChoose(final int n, final int k) {
        double log = 0;
        final int smaller = Math.min(k, n - k);
        for (int index = 1; index <= smaller; index++) {
            log += Math.log(n - smaller + index) - Math.log(index);
        }
        return log;
    }
}

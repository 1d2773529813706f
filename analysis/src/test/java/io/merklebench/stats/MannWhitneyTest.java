package io.merklebench.stats;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MannWhitneyTest {
    /**
     * Worked example of Shier, "Statistics: 2.3 The Mann-Whitney U Test" (Mathematics Learning Support Centre,
     * 2004), also in the SciPy documentation of {@code scipy.stats.mannwhitneyu}: ages at diagnosis, males
     * 19 22 16 29 24, females 20 11 17 12. Published: U_M = 17, U_F = 3, exact two-sided p = 0.1111 (= 1/9); normal
     * approximation with continuity correction 0.11134688653314041, without it 0.0864107329737.
     */
    @Test
    void shouldMatchPublishedWorkedExample() {
        final double[] males = {19, 22, 16, 29, 24};
        final double[] females = {20, 11, 17, 12};
        final MannWhitney.Result result = MannWhitney.test(males, females);
        assertEquals(17, result.u());
        assertTrue(result.exact());
        assertEquals(1.0 / 9, result.pValue(), 1e-12);
        assertEquals(3, MannWhitney.test(females, males).u());
        assertEquals(1.0 / 9, MannWhitney.test(females, males).pValue(), 1e-12);

        assertEquals(0.11134688653314041, MannWhitney.normalApproximationPValue(17, 5, 4, 0), 1e-6);
    }

    /**
     * Mann and Whitney (1947), Annals of Mathematical Statistics 18:50–60, Table I, n = m = 4: P(U ≤ 0) = .014,
     * P(U ≤ 1) = .029, P(U ≤ 2) = .057, P(U ≤ 3) = .100, P(U ≤ 4) = .171 (exactly 1, 2, 4, 7, 12 of the 70 rank
     * assignments). The distribution is symmetric, so P(U ≥ 16 − u) is the same.
     */
    @Test
    void shouldMatchMannWhitneyTableOneForFourAndFour() {
        final double[] published = {0.014, 0.029, 0.057, 0.100, 0.171};
        final int[] favourable = {1, 2, 4, 7, 12};
        for (int u = 0; u < published.length; u++) {
            final double tail = MannWhitney.exactUpperTail(4, 4, 16 - u);
            assertEquals(published[u], tail, 0.0005, "u=" + u);
            assertEquals(favourable[u] / 70.0, tail, 1e-12, "u=" + u);
        }
        // All of one side below the other: the smallest possible two-sided p, 2/70.
        final MannWhitney.Result separated = MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8});
        assertEquals(0, separated.u());
        assertEquals(2.0 / 70, separated.pValue(), 1e-12);
        assertEquals(2.0 / 70, MannWhitney.minimumPValue(4, 4), 1e-12);
    }

    /**
     * Ties, computed by hand: first 1 2 2 3, second 2 3 4 5. Mid-ranks: 1→1, the three 2s→3, the two 3s→5.5,
     * 4→7, 5→8, so R₁ = 12.5 and U = 12.5 − 10 = 2.5. Tie term Σ(t³−t) = 24 + 6 = 30, variance =
     * 16/12·(9 − 30/56) = 11.2857; z = (|2.5 − 8| − 0.5)/√11.2857 = 1.48835; p = erfc(z/√2) = 0.136658.
     */
    @Test
    void shouldUseTieCorrectedNormalApproximationWithTies() {
        final MannWhitney.Result result = MannWhitney.test(new double[] {1, 2, 2, 3}, new double[] {2, 3, 4, 5});
        assertEquals(2.5, result.u());
        assertFalse(result.exact());
        assertEquals(0.13665824773814753, result.pValue(), 1e-6);
    }

    @Test
    void shouldGiveOneWhenEverythingIsTied() {
        final MannWhitney.Result result = MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5, 5, 5});
        assertEquals(1.0, result.pValue());
        assertEquals(6, result.u());
    }

    @Test
    void shouldAgreeBetweenExactAndApproximationForLargerSamples() {
        final SplittableRandom random = new SplittableRandom(7);
        final double[] first = new double[25];
        final double[] second = new double[25];
        for (int index = 0; index < 25; index++) {
            first[index] = random.nextDouble();
            second[index] = random.nextDouble() + 0.2;
        }
        final MannWhitney.Result exact = MannWhitney.test(first, second);
        assertTrue(exact.exact());
        final double approximate = MannWhitney.normalApproximationPValue(exact.u(), 25, 25, 0);
        assertEquals(exact.pValue(), approximate, 0.1 * exact.pValue() + 1e-4, "exact=" + exact.pValue());
    }

    @Test
    void shouldNeedFourSamplesPerSideAtFivePercent() {
        assertEquals(4, MannWhitney.minimumSamplesPerSide(0.05));
        assertEquals(0.1, MannWhitney.minimumPValue(3, 3), 1e-12);
        assertEquals(5, MannWhitney.minimumSamplesPerSide(0.01));
    }

    @Test
    void shouldRejectEmptySide() {
        assertEquals("Mann-Whitney needs samples on both sides: firstCount=0 secondCount=2",
            assertThrows(IllegalArgumentException.class,
                () -> MannWhitney.test(new double[0], new double[] {1, 2})).getMessage());
    }
}

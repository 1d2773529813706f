package io.merklebench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeometricMeanTest {
    @Test
    void shouldWeighRatiosNotDifferences() {
        final GeometricMean mean = new GeometricMean();
        mean.add(2.0);
        mean.add(0.5);
        assertEquals(1.0, mean.value(), 1e-12);
        mean.add(8.0);
        assertEquals(2.0, mean.value(), 1e-12);
        assertEquals(3, mean.count());
    }

    @Test
    void shouldIgnoreRatiosWithoutLogarithm() {
        final GeometricMean mean = new GeometricMean();
        assertTrue(Double.isNaN(mean.value()));
        mean.add(0);
        mean.add(Double.NaN);
        mean.add(-1);
        assertEquals(0, mean.count());
    }
}

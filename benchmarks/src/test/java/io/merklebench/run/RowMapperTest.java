package io.merklebench.run;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowMapperTest {
    @Test
    void shouldGiveTheCoefficientOfVariationOfTheForkMeansInPercent() {
        // means 90, 100, 110: standard deviation (n - 1) 10, mean 100
        assertEquals(10.0, RowMapper.forkCvPercent(List.of(90.0, 100.0, 110.0)), 1e-12);
        // 808.5, 816.5, 812.5: sd 4 over 812.5 = 0.4923...%, rounded to 0.01
        assertEquals(0.49, RowMapper.forkCvPercent(List.of(808.5, 816.5, 812.5)), 1e-12);
        assertEquals(0.0, RowMapper.forkCvPercent(List.of(5.0, 5.0)), 1e-12);
    }

    @Test
    void shouldGiveNoSpreadForOneForkOrAMeanOfZero() {
        assertTrue(Double.isNaN(RowMapper.forkCvPercent(List.of(100.0))));
        assertTrue(Double.isNaN(RowMapper.forkCvPercent(List.of())));
        assertTrue(Double.isNaN(RowMapper.forkCvPercent(List.of(0.0, 0.0))));
    }
}

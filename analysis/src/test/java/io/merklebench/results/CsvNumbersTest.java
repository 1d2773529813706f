package io.merklebench.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvNumbersTest {
    @Test
    void shouldFormatPlainWhereShortAndExponentWhereNot() {
        assertEquals("", CsvNumbers.format(Double.NaN));
        assertEquals("0", CsvNumbers.format(-0.0));
        assertEquals("42000", CsvNumbers.format(42000.0));
        assertEquals("812.5", CsvNumbers.format(812.5));
        assertEquals("0.001", CsvNumbers.format(0.001));
        assertEquals("12345678.9", CsvNumbers.format(12345678.9));
        assertEquals("1.25E-7", CsvNumbers.format(1.25e-7));
        assertEquals("1.0E20", CsvNumbers.format(1e20));
    }

    @Test
    void shouldRejectLocaleAndSpecialSpellings() {
        for (final String text : new String[] {"1,5", "NaN", "Infinity", "0x1p3", "1.5d", "", " 1", "1e999"}) {
            assertThrows(NumberFormatException.class, () -> CsvNumbers.parse(text), "text=" + text);
        }
        assertEquals(-1.5e-3, CsvNumbers.parse("-1.5E-3"));
        assertEquals(0.5, CsvNumbers.parse(".5"));
    }

    @Test
    void shouldRejectInfiniteValuesWhenWriting() {
        assertThrows(IllegalArgumentException.class, () -> CsvNumbers.format(Double.POSITIVE_INFINITY));
    }
}

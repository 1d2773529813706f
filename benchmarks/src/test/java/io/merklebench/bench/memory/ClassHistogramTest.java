package io.merklebench.bench.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassHistogramTest {
    /** GC.class_histogram's text as JDK 17 prints it (shortened). */
    private static final String BEFORE = """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         17165        1181304  [B (java.base@17.0.15)
           2:          3530         423192  java.lang.Class (java.base@17.0.15)
           3:            10            400  io.merklebench.heap.HeapNode
        Total         20705        1604896
        """;
    private static final String AFTER = """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:         27165        1581304  [B (java.base@17.0.15)
           2:          4010          96240  io.merklebench.heap.HeapNode
           3:          3500         420000  java.lang.Class (java.base@17.0.15)
           4:             1             16  io.merklebench.heap.HeapNode
        Total         34676        2097560
        """;

    @Test
    void shouldParseEveryClassLineAndDropTheModule() {
        final ClassHistogram histogram = ClassHistogram.parse(BEFORE);
        assertEquals(3, histogram.byClass().size(), "header, separator and total skipped");
        assertEquals(new ClassHistogram.Entry(17165, 1181304), histogram.byClass().get("[B"));
        assertEquals(1604896, histogram.totalBytes());
    }

    @Test
    void shouldAddUpAClassListedTwiceByTwoLoaders() {
        assertEquals(new ClassHistogram.Entry(4011, 96256), ClassHistogram.parse(AFTER).byClass()
            .get("io.merklebench.heap.HeapNode"));
    }

    @Test
    void shouldKeepOnlyWhatGrewFromTheBaseline() {
        final ClassHistogram grown = ClassHistogram.parse(AFTER).minus(ClassHistogram.parse(BEFORE)).grown();
        assertEquals(400_000, grown.bytesOf("[B"));
        assertEquals(96256 - 400, grown.bytesOf("io.merklebench.heap.HeapNode"));
        assertFalse(grown.byClass().containsKey("java.lang.Class"), "shrank: left out, not negative");
        assertEquals(400_000 + 96256 - 400, grown.totalBytes());
    }

    @Test
    void shouldUndoASubtractionByAddingBack() {
        final ClassHistogram before = ClassHistogram.parse(BEFORE);
        final ClassHistogram after = ClassHistogram.parse(AFTER);
        assertEquals(after.grown().byClass(), after.minus(before).plus(before).grown().byClass());
    }

    @Test
    void shouldTakeAHistogramOfThisJvm() {
        final ClassHistogram histogram = ClassHistogram.ofThisJvm();
        assertTrue(histogram.bytesOf("[B") > 0, "a running JVM holds byte arrays");
        assertTrue(histogram.bytesOf("java.lang.String") > 0);
    }
}

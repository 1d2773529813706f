package io.merklebench.report;

import io.merklebench.results.HeapGroup;
import io.merklebench.results.MemoryBreakdownCsv;
import io.merklebench.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBreakdownHtmlTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldDrawAStackedBarPerEngineAndTheGrowthOfEngineMeasuredAtSeveralSizes() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1, key -> 1.0, Map.of());
        final List<MemoryBreakdownCsv.Row> rows = new ArrayList<>();
        for (final long size : new long[] {10_000, 100_000, 1_000_000}) {
            rows.addAll(MemoryBreakdownCsv.caseRows("heap", "mem", size, Map.of(HeapGroup.NODE_OBJECTS, 192.0 * size,
                HeapGroup.CACHES, 140.0 * size, HeapGroup.STORE, 400.0 * size)));
        }
        rows.addAll(MemoryBreakdownCsv.caseRows("array", "mem", 1_000_000, Map.of(HeapGroup.NODE_ARRAYS, 64e6,
            HeapGroup.HASHES, 64e6)));
        MemoryBreakdownCsv.write(run.resolve(MemoryBreakdownCsv.FILE_NAME), rows);

        final Path report = resultsRoot.resolve("report.html");
        final List<Path> written = ReportWriter.write(List.of(RunFolder.open(run)), report);
        final String html = Files.readString(report);

        final int section = html.indexOf("<h2>Memory breakdown</h2>");
        assertTrue(section > 0 && section < html.indexOf("<h2>Runs</h2>"), "after the summary, before the runs");
        assertTrue(html.contains("id=\"chart-memory-breakdown\""), "the stacked bars");
        assertTrue(html.contains("id=\"chart-memory-breakdown-heap-mem\""), "heap's growth: three sizes");
        assertFalse(html.contains("id=\"chart-memory-breakdown-array-mem\""), "array has one size: no growth chart");
        assertTrue(html.contains("<desc>Series: nodeObjects; nodeArrays; hashes; caches; store</desc>"),
            "groups with bytes, in group order");
        assertTrue(html.contains("<td>heap</td><td>mem</td><td>1000000</td><td>nodeObjects</td>"), "the table");
        assertFalse(html.contains("<td>byteArrays</td>"), "groups without bytes are left out of the table");
        assertTrue(written.contains(resultsRoot.resolve("report-memory-breakdown.svg")));
        assertTrue(written.contains(resultsRoot.resolve("report-memory-breakdown-heap-mem.svg")));
    }

    @Test
    void shouldLeaveTheSectionOutOfARunWithoutABreakdown() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1, key -> 1.0, Map.of());
        final Path report = resultsRoot.resolve("report.html");
        ReportWriter.write(List.of(RunFolder.open(run)), report);
        assertFalse(Files.readString(report).contains("Memory breakdown"));
        assertEquals(List.of(), MemoryBreakdownCharts.build(List.of()));
    }
}

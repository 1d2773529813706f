package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FamilyChartsTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldPlotEachBatchCaseAgainstTheParameterItVaries() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final List<ReportChart> charts = FamilyCharts.build(List.of(RunFolder.open(run)));
        final ReportChart byBatch = chart(charts, "batch");
        final ReportChart byThreads = chart(charts, "batch-threads");
        assertEquals(List.of("writesPerSync"), seriesNames((XYChart) byBatch.chart()));
        assertEquals(List.of("groupCommit"), seriesNames((XYChart) byThreads.chart()));
        final double[] threads = ((XYChart) byThreads.chart()).getSeries("groupCommit").getXData();
        assertEquals(List.of(1.0, 4.0, 16.0, 64.0), java.util.Arrays.stream(threads).boxed().toList());
        // us/op would be converted too; here the fixture is already ops/s.
        assertTrue(((XYChart) byBatch.chart()).getStyler().isXAxisLogarithmic());
    }

    @Test
    void shouldGiveCasesOrdersOfMagnitudeApartTheirOwnChart() throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve("vm-a").resolve("20261123T100000Z"));
        new HostProperties().put(HostProperties.LABEL, "vm-a").write(run.resolve(HostProperties.FILE_NAME));
        final Map<String, String> params = Map.of("engine", "heap", "store", "mem", "size", "100000",
            "blockSize", "100");
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), List.of(
            ResultRow.builder("block.tx").params(params).mode("avgt").unit("us/op").score(545).samples(5).build(),
            ResultRow.builder("block.block").params(params).mode("avgt").unit("us/op").score(54_500).samples(5)
                .build()));
        final List<ReportChart> charts = FamilyCharts.build(List.of(RunFolder.open(run)));
        assertEquals(List.of("block", "block-tx-usop"), charts.stream().map(ReportChart::name).toList());
        assertEquals("block.block (us/op)", charts.get(0).chart().getTitle());
        assertEquals("block.tx (us/op)", charts.get(1).chart().getTitle());
    }

    @Test
    void shouldUseLogScoreAxisOnlyForWideRanges() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final List<ReportChart> charts = FamilyCharts.build(List.of(RunFolder.open(run)));
        final XYChart block = (XYChart) chart(charts, "block").chart();
        assertTrue(block.getStyler().isXAxisLogarithmic());
        assertFalse(block.getStyler().isYAxisLogarithmic(), "block.tx scores span less than 20x");
    }

    private static List<String> seriesNames(final XYChart chart) {
        return chart.getSeriesCollection().stream().map(series -> series.getName()).toList();
    }

    private static ReportChart chart(final List<ReportChart> charts, final String name) {
        return charts.stream().filter(chart -> chart.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no chart " + name + " in " + charts.stream().map(ReportChart::name)
                .toList()));
    }
}

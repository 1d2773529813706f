package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SamplesCsv;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.VerdictRules;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSummaryTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldRankThroughputHighestFirstAndBytesSmallestFirst() throws IOException {
        final Map<String, double[]> forks = new LinkedHashMap<>();
        forks.put("a", new double[] {1000, 1010, 1020});
        forks.put("b", new double[] {500, 505, 495});
        forks.put("c", new double[] {990, 1000, 1010});
        final Path run = handmadeRun("store.put", "ops/s", forks);
        final RunSummary summary = RunSummary.of(RunFolder.open(run), VerdictRules.DEFAULTS);
        final RunSummary.Group group = summary.groups().get(0);
        assertEquals("a", group.competitor(group.best()));
        assertEquals("c: ~ 1.01x [0.9875x, 1.033x]", SummaryHtml.otherText(group, group.others().get(0)));
        final RunSummary.Entry slow = group.others().get(1);
        assertEquals(ForkComparison.Verdict.WORSE, slow.againstBest().verdict());
        assertEquals(2.02, slow.factor(), 0.01, "the best does 2.02 times the work per second");
        assertEquals("b: 2.02x slower [1.975x, 2.066x]", SummaryHtml.otherText(group, slow));

        final Map<String, double[]> bytes = new LinkedHashMap<>();
        bytes.put("heap", new double[] {310, 311, 309});
        bytes.put("array", new double[] {190, 191, 189});
        final RunSummary memory = RunSummary.of(RunFolder.open(handmadeRun("memory.perKey", "B/key", bytes)),
            VerdictRules.DEFAULTS);
        final RunSummary.Group perKey = memory.groups().get(0);
        assertEquals("array", perKey.competitor(perKey.best()));
        assertTrue(SummaryHtml.otherText(perKey, perKey.others().get(0)).startsWith("heap: 1.632x larger ["),
            SummaryHtml.otherText(perKey, perKey.others().get(0)));
    }

    @Test
    void shouldCompareLikeWithLikeOnly() throws IOException {
        final RunSummary summary = RunSummary.of(RunFolder.open(FixtureRuns.write(resultsRoot, "vm-a",
            "2026-11-23T10:00:00Z", 1)), VerdictRules.DEFAULTS);
        final List<RunSummary.Group> blockTx = summary.groups().stream()
            .filter(group -> group.benchmark().equals("block.tx")).toList();
        assertEquals(List.of("10000", "100000", "1000000"), blockTx.stream()
            .map(group -> group.workload().get("size")).toList(), "one group per size, sizes in numeric order");
        for (final RunSummary.Group group : blockTx) {
            assertEquals(List.of("array \u00d7 mem", "heap \u00d7 mem", "array \u00d7 rocksdb", "heap \u00d7 rocksdb"),
                group.entries().stream().map(group::competitor).toList(), "durable only repeats the store");
            // Each fork mean varies by about 1.3% (1% between forks, 2% / sqrt(5) between iterations): 3.5% bounds.
            assertEquals(1 / 0.7, group.others().get(0).factor(), 0.05);
            assertEquals(3, group.others().get(1).factor(), 0.1);
            assertEquals(3 / 0.7, group.others().get(2).factor(), 0.15);
            assertTrue(group.others().stream().allMatch(entry -> entry.againstBest().verdict()
                == ForkComparison.Verdict.WORSE), group.toString());
        }
        final RunSummary.Group fsync = summary.groups().stream()
            .filter(group -> group.benchmark().equals("fsync.write") && group.workload().get("writeSize")
                .equals("4096")).findFirst().orElseThrow();
        // fdatasync and O_DSYNC cost the same in the fixture; fsync 1400 us instead of 1000 (plus 41 for the write).
        assertTrue(List.of("method=fdatasync", "method=O_DSYNC").contains(fsync.competitor(fsync.best())));
        assertEquals(ForkComparison.Verdict.NO_CHANGE, fsync.others().get(0).againstBest().verdict());
        assertEquals("method=fsync", fsync.competitor(fsync.others().get(1)));
        assertEquals(1440.96 / 1040.96, fsync.others().get(1).factor(), 0.03);
        assertTrue(summary.unstableRows().isEmpty());
        assertEquals(0, summary.singleForkRowCount());
    }

    @Test
    void shouldListRowsWhoseForksDisagree() throws IOException {
        final RowKey noisy = new RowKey("query.hit", Map.of("engine", "heap", "store", "mem", "size", "10000",
            "keyLen", "32", "valueLen", "100"));
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1, key -> 1.0, Map.of(),
            3, (key, fork) -> key.equals(noisy) ? new double[] {0.8, 1.0, 1.3}[fork - 1] : 1.0);
        final RunSummary summary = RunSummary.of(RunFolder.open(run), VerdictRules.DEFAULTS);
        assertEquals(1, summary.unstableRows().size());
        assertEquals(noisy, summary.unstableRows().get(0).key());
        assertEquals(24.4, summary.unstableRows().get(0).forks().noisePercent(), 3);

        final Document page = summaryPage(summary);
        final Element unstable = page.selectFirst("#summary table.unstable");
        assertTrue(unstable != null, page.html());
        assertTrue(unstable.text().contains("query.hit engine=heap store=mem size=10000"), unstable.text());
        final Element queryTable = page.selectFirst("#summary table.summary[data-family=query]");
        assertTrue(queryTable.select("li[data-verdict=unstable]").text().contains("heap \u00d7 mem: unstable"),
            queryTable.text());
    }

    @Test
    void shouldShowFiguresWithoutIntervalForOneFork() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1, key -> 1.0, Map.of(),
            1, (key, fork) -> 1.0);
        final RunSummary summary = RunSummary.of(RunFolder.open(run), VerdictRules.DEFAULTS);
        assertEquals(summary.rowCount(), summary.singleForkRowCount());
        final Document page = summaryPage(summary);
        final Element note = page.selectFirst("#summary p.single-fork");
        assertTrue(note.text().contains("This run has 1 fork per case, and one fork gives no interval"),
            note.text());
        final Element block = page.selectFirst("#summary table.summary[data-family=block] tbody tr");
        assertEquals("array \u00d7 mem", block.selectFirst("td.best").text());
        assertTrue(block.select("td.num").first().text().matches("[0-9.]+ \\(no CI\\)"), block.text());
        assertTrue(block.select("li").stream().allMatch(item -> item.attr("data-verdict").equals("insufficient_forks")
            && item.text().matches(".*: \\? [0-9.]+x slower")), block.text());
        assertNull(page.selectFirst("#summary table.unstable"));
        assertTrue(page.select("#summary p").text().contains("None can be named"), page.text());
    }

    private static Document summaryPage(final RunSummary summary) {
        final Html html = new Html();
        SummaryHtml.write(html, summary, "Summary", List.of());
        return Jsoup.parse(html.toString());
    }

    /** A run of one benchmark, one row per store with the given per-fork values (2 iterations each). */
    private Path handmadeRun(final String benchmark, final String unit, final Map<String, double[]> forksByStore)
        throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve(benchmark).resolve("20261123T100000Z"));
        new HostProperties().put(HostProperties.LABEL, "handmade").write(run.resolve(HostProperties.FILE_NAME));
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        final String column = benchmark.startsWith("memory.") ? "engine" : "store";
        forksByStore.forEach((competitor, forks) -> {
            final Map<String, String> params = Map.of(column, competitor, "size", "10000");
            for (int fork = 0; fork < forks.length; fork++) {
                for (int iteration = 1; iteration <= 2; iteration++) {
                    samples.add(new SampleRow(benchmark, params, "avgt", unit, fork + 1, iteration, forks[fork]));
                }
            }
            results.add(ResultRow.builder(benchmark).params(params).mode("avgt").unit(unit).score(forks[0])
                .samples(2L * forks.length).build());
        });
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), results);
        SamplesCsv.write(run.resolve(SamplesCsv.FILE_NAME), samples);
        return run;
    }
}

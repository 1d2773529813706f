package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SamplesCsv;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.VerdictRules;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 item 4: the best IAVL engine against mpt and flat on the same store and workload, in one run: the right
 * rows paired, the ratio oriented as cost, in the report and in diff; nothing for runs without hash schemes.
 */
class PeerRatiosTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldPairTheBestIavlEngineWithEachPeerOnTheSameStore() throws IOException {
        final RunFolder run = RunFolder.open(peerRun("20261203T100000Z", 1.0));
        final List<PeerRatios.Group> groups = PeerRatios.of(run, VerdictRules.DEFAULTS);

        assertEquals(2, groups.size(), groups.toString()); // block.tx on lmdb and on rocksdb; mem has no peer
        final PeerRatios.Group lmdb = groups.get(0);
        assertEquals("lmdb", lmdb.store());
        assertEquals("array", lmdb.bestEngine(), "array (20 us) beats heap (40 us)");
        assertEquals(20.0 / 80.0, lmdb.againstMpt().orElseThrow().ratio(), 0.01);
        assertEquals(20.0 / 10.0, lmdb.againstFlat().orElseThrow().ratio(), 0.01);
        assertEquals(ForkComparison.Verdict.BETTER, lmdb.againstMpt().orElseThrow().comparison().verdict());
        assertTrue(lmdb.againstFlat().orElseThrow().low() < 2 && lmdb.againstFlat().orElseThrow().high() > 2);
        assertEquals("rocksdb", groups.get(1).store());
        assertTrue(groups.get(1).againstMpt().isEmpty(), "no mpt row on rocksdb");
    }

    @Test
    void shouldShowThePeersInTheReportAndMarkThemInTheSummary() throws IOException {
        final Path run = peerRun("20261203T100000Z", 1.0);
        final Path html = ReportWriter.write(List.of(RunFolder.open(run)), run.resolve("report.html")).get(0);
        final Document document = Jsoup.parse(Files.readString(html));

        final String peers = document.select("table.peers").text();
        assertTrue(peers.contains("block.tx") && peers.contains("lmdb") && peers.contains("0.25x")
            && peers.contains("2x"), peers);
        final String summary = document.select("table.summary").text();
        assertTrue(summary.contains("mpt \u00d7 lmdb (peer)") && summary.contains("flat \u00d7 lmdb (baseline)"),
            summary);
    }

    @Test
    void shouldPrintEachRunsRatiosInTheDiff() throws IOException {
        final RunFolder base = RunFolder.open(peerRun("20261203T100000Z", 1.0));
        final RunFolder slowerTree = RunFolder.open(peerRun("20261203T110000Z", 1.5));
        final StringWriter text = new StringWriter();
        DiffPrinter.print(RunDiff.compare(List.of(base, slowerTree), VerdictRules.DEFAULTS, null),
            DiffPrinter.Format.TEXT, new PrintWriter(text));

        final String printed = text.toString();
        assertTrue(printed.contains("Peers (per run"), printed);
        final String line = printed.lines().filter(candidate -> candidate.contains("block.tx")
            && candidate.contains("store=lmdb") && candidate.contains("/flat")).findFirst().orElseThrow();
        assertTrue(line.contains("/flat 2x") && line.contains("/flat 3x"), line);
    }

    /** flat keeps no tree on the heap: its heap bytes per key are about 0, forks on either side; no ratio to that. */
    @Test
    void shouldGiveNoRatioToAPeerMeasuredAtZero() throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve("mem").resolve("20261203T100000Z"));
        new HostProperties().put(HostProperties.LABEL, "mem").write(run.resolve(HostProperties.FILE_NAME));
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        final Map<String, double[]> forksByEngine = Map.of("array", new double[] {196.2, 196.3},
            "mpt", new double[] {582.0, 581.9}, "flat", new double[] {0.0019, -0.0004});
        forksByEngine.forEach((engine, forks) -> {
            final Map<String, String> params = Map.of("engine", engine, "store", "lmdb", "size", "1000000");
            for (int fork = 0; fork < forks.length; fork++) {
                samples.add(new SampleRow("memory.perKey", params, "ss", "B/key", fork + 1, 1, forks[fork]));
            }
            results.add(ResultRow.builder("memory.perKey").params(params).mode("ss").unit("B/key").score(forks[0])
                .samples(2).forks(2).hashScheme(engine.equals("mpt") ? "eth-mpt" : engine.equals("flat") ? "none"
                    : "iavl-v1").build());
        });
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), results);
        SamplesCsv.write(run.resolve(SamplesCsv.FILE_NAME), samples);

        final PeerRatios.Group group = PeerRatios.of(RunFolder.open(run), VerdictRules.DEFAULTS).get(0);
        assertEquals(196.25 / 581.95, group.againstMpt().orElseThrow().ratio(), 0.001);
        assertTrue(group.againstFlat().isEmpty(), "a ratio to about 0 B/key");
    }

    @Test
    void shouldGiveNoGroupsForRowsWithoutAHashScheme() throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve("old").resolve("20261123T100000Z"));
        new HostProperties().put(HostProperties.LABEL, "old").write(run.resolve(HostProperties.FILE_NAME));
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), List.of(
            ResultRow.builder("block.tx").params(Map.of("engine", "array", "store", "lmdb")).mode("ss")
                .unit("us/op").score(20).samples(1).build(),
            ResultRow.builder("block.tx").params(Map.of("engine", "flat", "store", "lmdb")).mode("ss")
                .unit("us/op").score(10).samples(1).build()));
        assertTrue(PeerRatios.of(RunFolder.open(run), VerdictRules.DEFAULTS).isEmpty());
    }

    /**
     * block.tx at 1M keys: on lmdb array 20, heap 40, mpt 80, flat 10 us/tx; on rocksdb array and flat only; on mem
     * array alone. The IAVL rows are scaled by {@code iavlFactor}. Three forks each, 1% apart.
     */
    private Path peerRun(final String startUtc, final double iavlFactor) throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve("vm").resolve(startUtc));
        new HostProperties().put(HostProperties.LABEL, "vm").write(run.resolve(HostProperties.FILE_NAME));
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        add(results, samples, "array", "lmdb", "iavl-v1", 20 * iavlFactor);
        add(results, samples, "heap", "lmdb", "iavl-v1", 40 * iavlFactor);
        add(results, samples, "mpt", "lmdb", "eth-mpt", 80);
        add(results, samples, "flat", "lmdb", "none", 10);
        add(results, samples, "array", "rocksdb", "iavl-v1", 30 * iavlFactor);
        add(results, samples, "flat", "rocksdb", "none", 15);
        add(results, samples, "array", "mem", "iavl-v1", 5 * iavlFactor);
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), results);
        SamplesCsv.write(run.resolve(SamplesCsv.FILE_NAME), samples);
        return run;
    }

    private static void add(final List<ResultRow> results, final List<SampleRow> samples, final String engine,
                            final String store, final String scheme, final double microseconds) {
        final Map<String, String> params = Map.of("engine", engine, "store", store, "size", "1000000",
            "blockSize", "1000", "durable", "true");
        final double[] forks = {microseconds * 0.99, microseconds, microseconds * 1.01};
        for (int fork = 0; fork < forks.length; fork++) {
            samples.add(new SampleRow("block.tx", params, "ss", "us/op", fork + 1, 1, forks[fork]));
        }
        results.add(ResultRow.builder("block.tx").params(params).mode("ss").unit("us/op").score(microseconds)
            .samples(forks.length).forks(forks.length).hashScheme(scheme).build());
    }
}

package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SimulationCsv;
import io.merklebench.results.SimulationRow;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationChartsTest {
    private static final double MIB = 1024.0 * 1024.0;
    private static final int VERSIONS = 50;
    /** Versions between two disk usage samples (diskBytes is NaN in between, as mbench simulate writes it). */
    private static final int DISK_EVERY = 5;

    @TempDir
    Path resultsRoot;

    @Test
    void shouldAddSimulationSectionWithAChartPerFigureAndALinePerPair() throws Exception {
        final List<SimulationRow> rows = new ArrayList<>(pair("heap", "mem", 1, true, version -> 1 + version * 0.01));
        rows.addAll(pair("heap", "rocksdb", 1, false, version -> 8 + version * 0.05));
        final Path run = simulationRun("20261203T100000Z", rows, List.of(
            summaryRow("heap", "mem", 1.25), summaryRow("heap", "rocksdb", 9.3)));
        final Path out = run.resolve(ReportWriter.FILE_NAME);
        final List<Path> written = ReportWriter.write(List.of(RunFolder.open(run)), out);

        final String page = Files.readString(out);
        ReportWriterTest.assertWellFormedXml(page);
        final Document document = Jsoup.parse(page);
        ReportWriterTest.assertSelfContained(document, page);
        final Element section = document.getElementById("simulation");
        assertNotNull(section, "Simulation section");
        assertEquals("Simulation", section.selectFirst("h2").text());
        assertEquals(List.of("summary", "runs", "host-facts", "simulation", "family-simulate"),
            document.select("body > section").eachAttr("id"),
            "the series after the host facts, the family of the summary rows after them");
        assertTrue(section.selectFirst("p.note").text().contains("2 engine:store pairs, versions 1 to 50"),
            section.selectFirst("p.note").text());
        assertEquals(List.of("chart-simulation-commit", "chart-simulation-leaves", "chart-simulation-rss",
            "chart-simulation-disk", "chart-simulation-readers"), section.select("figure").eachAttr("id"));

        assertEquals("simulation: commit latency against version", title(section, "commit"));
        assertTrue(caption(section, "commit").startsWith("Commit latency per version (hash + save + prune of the"
            + " version), in milliseconds; one line per engine:store."), caption(section, "commit"));
        assertTrue(caption(section, "leaves").contains("in leaves per second"), caption(section, "leaves"));
        assertTrue(caption(section, "rss").contains("in MiB"), caption(section, "rss"));
        assertTrue(caption(section, "disk").contains("where it was measured"), caption(section, "disk"));
        assertTrue(caption(section, "readers").contains("in microseconds"), caption(section, "readers"));
        for (final String chart : List.of("commit", "leaves", "rss", "disk")) {
            assertEquals("Series: heap:mem; heap:rocksdb", series(section, chart), chart);
            assertFalse(caption(section, chart).contains("bucket"), "50 versions are drawn as they are: " + chart);
        }
        assertEquals("Series: heap:mem p50; heap:mem p99", series(section, "readers"),
            "heap:rocksdb ran no readers, so it has no reader line");

        assertEquals(1 + 5 + 1, written.size(), "the HTML, five simulation charts, the simulate family's chart");
        for (final Path svg : written.subList(1, written.size())) {
            assertTrue(Files.readString(svg).contains("<desc>Series: "), svg.toString());
        }
        assertTrue(Files.exists(run.resolve("report-simulation-commit.svg")));
    }

    @Test
    void shouldLeaveOutTheReaderChartAndEveryChartWithoutData() throws IOException {
        // No readers, and a machine without /proc: no RSS, and here no disk usage either.
        final List<SimulationRow> rows = new ArrayList<>(pair("heap", "mem", 1, false, false, version -> 1.0,
            VERSIONS));
        rows.addAll(pair("array", "mem", 1, false, false, version -> 0.5, VERSIONS));
        // results.csv with its header only: the simulation is the whole measurement.
        final Path run = simulationRun("20261203T110000Z", rows, List.of());
        final Path out = run.resolve(ReportWriter.FILE_NAME);
        final List<Path> written = ReportWriter.write(List.of(RunFolder.open(run)), out);

        final Element section = Jsoup.parse(Files.readString(out)).getElementById("simulation");
        assertNotNull(section);
        assertEquals(List.of("chart-simulation-commit", "chart-simulation-leaves"),
            section.select("figure").eachAttr("id"));
        assertEquals("Series: array:mem; heap:mem", series(section, "commit"));
        assertEquals(1 + 2, written.size());
    }

    @Test
    void shouldHaveNoSimulationSectionWithoutSimulationCsv() throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve("vm-a").resolve("20261203T120000Z"));
        new HostProperties().put(HostProperties.LABEL, "vm-a").write(run.resolve(HostProperties.FILE_NAME));
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), List.of(ResultRow.builder("block.tx")
            .params(Map.of("engine", "heap", "store", "mem")).mode("avgt").unit("us/op").score(545).samples(5)
            .build()));
        final Path out = run.resolve(ReportWriter.FILE_NAME);
        final List<Path> written = ReportWriter.write(List.of(RunFolder.open(run)), out);

        final Document document = Jsoup.parse(Files.readString(out));
        assertNull(document.getElementById("simulation"));
        assertTrue(document.select("figure[data-family=" + SimulationCharts.FAMILY + "]").isEmpty());
        assertNotNull(document.getElementById("family-block"));
        assertEquals(2, written.size());
    }

    @Test
    void shouldKeepTheLargestCommitOfEachBucketOfALongSeries() {
        final int versions = 2_000;
        final List<SimulationRow> rows = pair("heap", "mem", 1, false, true,
            version -> version == 1_234 ? 50.0 : 1.0, versions);
        final List<ReportChart> charts = SimulationCharts.build(List.of(rows));

        final XYChart commit = (XYChart) chart(charts, "commit").chart();
        final XYSeries commits = commit.getSeries("heap:mem");
        assertEquals(SimulationCharts.MAX_POINTS, commits.getXData().length, "2000 versions in buckets of 4");
        assertEquals(1, commits.getXData()[0]);
        assertEquals(1_997, commits.getXData()[SimulationCharts.MAX_POINTS - 1], "each point at its first version");
        assertEquals(50.0, Arrays.stream(commits.getYData()).max().orElseThrow(), "the spike survives");
        assertEquals(1, Arrays.stream(commits.getYData()).filter(value -> value == 50.0).count());
        assertFalse(commit.getStyler().isYAxisLogarithmic(), "1 to 50 ms is within a factor of 100");
        assertTrue(chart(charts, "commit").caption().contains(" Series longer than 500 versions are drawn as at"
            + " most 500 points, each the largest value of a bucket of up to 4 consecutive versions, at the bucket's"
            + " first version."), chart(charts, "commit").caption());

        final XYSeries rss = ((XYChart) chart(charts, "rss").chart()).getSeries("heap:mem");
        assertEquals(SimulationCharts.MAX_POINTS, rss.getXData().length);
        // rss is 100 MiB + version KiB: the mean of versions 1..4 is 100 MiB + 2.5 KiB.
        assertEquals(100 + 2.5 / 1024, rss.getYData()[0], 1e-9);
        assertTrue(chart(charts, "rss").caption().contains("each the mean of a bucket"));

        final XYSeries disk = ((XYChart) chart(charts, "disk").chart()).getSeries("heap:mem");
        assertEquals(versions / DISK_EVERY, disk.getXData().length, "400 measured versions: no bucketing");
        assertEquals(DISK_EVERY, disk.getXData()[0], "only the versions where disk usage was measured");
    }

    @Test
    void shouldUseALogAxisForLatenciesSpanningMoreThanAHundredfold() {
        final List<SimulationRow> rows = new ArrayList<>(pair("heap", "mem", 1, true, version -> 0.05));
        rows.addAll(pair("heap", "rocksdb", 1, false, version -> 20.0));
        final List<ReportChart> charts = SimulationCharts.build(List.of(rows));
        final ReportChart commit = chart(charts, "commit");
        assertTrue(((XYChart) commit.chart()).getStyler().isYAxisLogarithmic());
        assertTrue(commit.caption().endsWith(" The y axis is logarithmic: the values span more than a factor of"
            + " 100."), commit.caption());
        assertFalse(((XYChart) chart(charts, "rss").chart()).getStyler().isYAxisLogarithmic());
    }

    @Test
    void shouldDrawAPairOfSeveralForksAsTheMeanOverForks() {
        final List<SimulationRow> rows = new ArrayList<>(pair("paged31", "pagefile", 1, false, version -> 2.0));
        rows.addAll(pair("paged31", "pagefile", 2, false, version -> 4.0));
        final List<ReportChart> charts = SimulationCharts.build(List.of(List.of(), rows));

        final ReportChart commit = chart(charts, "commit");
        final XYSeries series = ((XYChart) commit.chart()).getSeries("B paged31:pagefile");
        assertNotNull(series, "with two runs the run letter comes first");
        assertEquals(VERSIONS, series.getXData().length);
        assertTrue(Arrays.stream(series.getYData()).allMatch(value -> value == 3.0), "mean of 2 and 4 ms");
        assertTrue(commit.caption().contains("one line per engine:store, the run letter first; a pair simulated in"
            + " several forks is drawn as the per-version mean over its forks."), commit.caption());
    }

    @Test
    void shouldBuildNoChartWithoutRows() {
        assertEquals(List.of(), SimulationCharts.build(List.of(List.of())));
    }

    /** A run folder as mbench simulate leaves it: host.properties, results.csv (summary rows) and simulation.csv. */
    private Path simulationRun(final String folderName, final List<SimulationRow> rows,
                               final List<ResultRow> summary) throws IOException {
        final Path run = Files.createDirectories(resultsRoot.resolve("vm-a").resolve(folderName));
        new HostProperties().put(HostProperties.LABEL, "vm-a").put(HostProperties.PROFILE, "simulate")
            .write(run.resolve(HostProperties.FILE_NAME));
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), summary);
        SimulationCsv.write(run.resolve(SimulationCsv.FILE_NAME), rows);
        return run;
    }

    private static ResultRow summaryRow(final String engine, final String store, final double commitMillis) {
        return ResultRow.builder("simulate.commit").params(Map.of("engine", engine, "store", store)).mode("avgt")
            .unit("ms/op").score(commitMillis).samples(VERSIONS).build();
    }

    private static List<SimulationRow> pair(final String engine, final String store, final int fork,
                                            final boolean readers, final LongToDoubleFunction commitMillis) {
        return pair(engine, store, fork, readers, true, commitMillis, VERSIONS);
    }

    /**
     * {@code versions} rows of one pair: commit latency from {@code commitMillis}, 1000 leaves a version; with
     * {@code memoryAndDisk} an RSS of 100 MiB plus 1 KiB a version and disk usage every {@link #DISK_EVERY}
     * versions; with {@code readers} reader latencies of 20 and 200 µs.
     */
    private static List<SimulationRow> pair(final String engine, final String store, final int fork,
                                            final boolean readers, final boolean memoryAndDisk,
                                            final LongToDoubleFunction commitMillis, final int versions) {
        final List<SimulationRow> rows = new ArrayList<>();
        for (long version = 1; version <= versions; version++) {
            final double commit = commitMillis.applyAsDouble(version);
            final double apply = 0.5;
            rows.add(new SimulationRow(engine, store, fork, version, "grow", 1_000 * version, 1_200, 1_000, 0,
                0.1, apply, commit * 0.4, commit * 0.6, 0, commit, 1_000 / ((apply + commit) / 1_000), 1,
                64_000, Double.NaN, 4_096 * version, 50 * MIB,
                memoryAndDisk ? 100 * MIB + 1_024 * version : Double.NaN,
                memoryAndDisk && version % DISK_EVERY == 0 ? 2 * MIB * version : Double.NaN,
                readers ? 400 : 0, 0, 0, readers ? 20 : Double.NaN, readers ? 200 : Double.NaN,
                readers ? 900 : Double.NaN, false));
        }
        return rows;
    }

    private static ReportChart chart(final List<ReportChart> charts, final String name) {
        return charts.stream().filter(chart -> chart.name().equals(SimulationCharts.FAMILY + "-" + name)).findFirst()
            .orElseThrow(() -> new AssertionError("no chart " + name + " among "
                + charts.stream().map(ReportChart::name).toList()));
    }

    private static String caption(final Element section, final String chart) {
        return section.selectFirst("#chart-simulation-" + chart + " figcaption").text();
    }

    private static String title(final Element section, final String chart) {
        return section.selectFirst("#chart-simulation-" + chart + " > svg > title").text();
    }

    private static String series(final Element section, final String chart) {
        return section.selectFirst("#chart-simulation-" + chart + " > svg > desc").text();
    }
}

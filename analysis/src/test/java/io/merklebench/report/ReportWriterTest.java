package io.merklebench.report;

import io.merklebench.results.RunFolder;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    /** Reports are slow to render (XChart draws text as outlines), so each is made once for the class. */
    @TempDir
    static Path resultsRoot;
    private static Path singleRun;
    private static List<Path> singleRunFiles;
    private static Path compareReport;

    @BeforeAll
    static void writeReports() throws IOException {
        singleRun = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        singleRunFiles = ReportWriter.write(List.of(RunFolder.open(singleRun)),
            singleRun.resolve(ReportWriter.FILE_NAME));
        final Path slower = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2,
            key -> key.family().equals("block") ? 1.10 : 1.0, Map.of("cpu.model", "AMD EPYC 7B13"));
        compareReport = resultsRoot.resolve("compare.html");
        ReportWriter.write(List.of(RunFolder.open(singleRun), RunFolder.open(slower)), compareReport);
    }

    @Test
    void shouldWriteOneChartPerFamilyAsInlineSvgAndFiles() throws Exception {
        final Path out = singleRun.resolve(ReportWriter.FILE_NAME);
        assertEquals(out.toAbsolutePath(), singleRunFiles.get(0));
        final String page = Files.readString(out);
        assertWellFormedXml(page);
        final Document document = Jsoup.parse(page);
        for (final String family : FixtureRuns.families()) {
            final Element section = document.getElementById("family-" + family);
            assertTrue(section != null, "section for family " + family);
            assertFalse(section.select("figure[data-family=" + family + "] > svg").isEmpty(), "svg for " + family);
        }
        final Set<String> families = document.select("section.family").stream()
            .map(section -> section.id().substring("family-".length())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(FixtureRuns.families()), families);
        assertEquals(null, document.getElementById("changes"), "no diff section for a single run");
        // One chart per family, except batch: throughput and syncs per write, against batch and against threads.
        assertEquals(FixtureRuns.families().size() - 1 + 4, document.select("figure > svg").size());
        assertEquals(List.of("batch", "batch-syncs", "batch-threads", "batch-threads-syncs"),
            document.select("#family-batch figure").eachAttr("id").stream()
                .map(id -> id.substring("chart-".length())).toList());
        assertEquals(document.select("figure > svg").size(), singleRunFiles.size() - 1);
        for (final Path svgFile : singleRunFiles.subList(1, singleRunFiles.size())) {
            assertTrue(Files.readString(svgFile).contains("<svg"), svgFile.toString());
            assertEquals(singleRun.toAbsolutePath(), svgFile.getParent());
            assertTrue(page.contains("href=\"" + svgFile.getFileName() + "\""), "link to " + svgFile);
        }
        assertSelfContained(document, page);
    }

    @Test
    void shouldLeadWithTheSummaryOfTheFirstRun() throws IOException {
        final Document single = Jsoup.parse(Files.readString(singleRun.resolve(ReportWriter.FILE_NAME)));
        assertEquals(List.of("summary", "runs", "host-facts"), single.select("body > section").eachAttr("id")
            .subList(0, 3), "the answer first, host facts after it");
        assertEquals("Summary", single.selectFirst("h2").text());
        assertEquals("summary", single.selectFirst("h2").parent().id());
        final Element blockTx = single.select("#summary table.summary[data-family=block] tbody tr").stream()
            .filter(row -> row.text().startsWith("block.tx size=10000 ")).findFirst().orElseThrow();
        assertEquals("array \u00d7 mem", blockTx.selectFirst("td.best").text());
        assertTrue(blockTx.select("td.num").first().text().matches("[0-9.]+ \\[[0-9.]+, [0-9.]+\\]"),
            blockTx.text());
        assertEquals(List.of("heap \u00d7 mem", "array \u00d7 rocksdb", "heap \u00d7 rocksdb"),
            blockTx.select("td.others li").eachText().stream().map(text -> text.substring(0, text.indexOf(':')))
                .toList());
        final String heapMem = blockTx.select("td.others li").first().text();
        assertTrue(heapMem.matches("heap \u00d7 mem: 1\\.(3[5-9]|4|5[01])[0-9]*x slower \\[1\\.[34][0-9]*x,"
            + " 1\\.[45][0-9]*x\\]"), heapMem);
        final Element fsync = single.selectFirst("#summary table.summary[data-family=fsync]");
        assertEquals(3, fsync.select("li[data-verdict=no_change]").size(),
            "fdatasync and O_DSYNC cost the same at each write size: " + fsync.text());
        assertTrue(single.select("#summary h3").eachText().contains("Unstable rows"));
        assertTrue(single.selectFirst("#summary").text().contains("None: every row with 2 or more forks has a 95%"
            + " interval within 50% of its centre."), single.selectFirst("#summary").text());

        final Document compare = Jsoup.parse(Files.readString(compareReport));
        assertEquals("summary", compare.selectFirst("body > section").id());
        assertTrue(compare.selectFirst("#summary h2").text().startsWith("Summary of run A (vm-a/"),
            compare.selectFirst("#summary h2").text());
        assertEquals("changes", compare.select("body > section").last().id());
    }

    @Test
    void shouldAddDiffSectionAndChangesChartForTwoRuns() throws Exception {
        final String page = Files.readString(compareReport);
        assertWellFormedXml(page);
        final Document document = Jsoup.parse(page);
        final Element changes = document.getElementById("changes");
        assertTrue(changes != null);
        assertEquals(1, changes.select("figure#chart-changes > svg").size());
        assertTrue(changes.select("table.facts").text().contains("AMD EPYC 7B13"));
        assertTrue(changes.select("table.diff").text().contains("slower"), "block rows are 10% slower");
        assertTrue(Files.exists(resultsRoot.resolve("compare-changes.svg")));
        assertTrue(document.select("table.hosts tr.differs").text().contains("cpu.model"));
        assertSelfContained(document, page);
    }

    @Test
    void shouldGiveEveryInlineSvgItsOwnIds() throws IOException {
        final Document document = Jsoup.parse(Files.readString(compareReport));
        final List<String> ids = document.select("svg [id]").eachAttr("id");
        assertFalse(ids.isEmpty());
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "duplicate ids would make clip paths point elsewhere");
    }

    @Test
    void shouldRejectMissingDirectoryBeforeWritingAnything() throws IOException {
        final Path missing = resultsRoot.resolve("missing").resolve("r.html");
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ReportWriter.write(List.of(RunFolder.open(singleRun)), missing));
        assertEquals("report directory does not exist: " + missing.getParent().toAbsolutePath(), error.getMessage());
    }

    static void assertWellFormedXml(final String page) throws ParserConfigurationException, IOException {
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The HTML5 doctype has no DTD to load; forbid external entities anyway.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        try {
            factory.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(page)));
        } catch (final SAXException e) {
            throw new AssertionError("report is not well-formed: " + e.getMessage(), e);
        }
    }

    /** No script, no external style sheet, image or font: the page must open offline. */
    static void assertSelfContained(final Document document, final String page) {
        assertTrue(document.select("script, link, iframe, img[src], object, embed").isEmpty());
        for (final Element element : document.select("[src], [href]")) {
            final String reference = element.hasAttr("src") ? element.attr("src") : element.attr("href");
            assertFalse(reference.contains("://"), "external reference: " + reference);
        }
        assertFalse(page.contains("@import"));
    }
}

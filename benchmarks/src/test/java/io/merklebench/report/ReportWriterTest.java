package io.merklebench.report;

import io.merklebench.results.RunFolder;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldWriteOneChartPerFamilyAsInlineSvgAndFiles() throws Exception {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path out = run.resolve(ReportWriter.FILE_NAME);
        final List<Path> written = ReportWriter.write(List.of(RunFolder.open(run)), out);
        assertEquals(out.toAbsolutePath(), written.get(0));

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
        // Charts: one per family, plus syncs per write for batch.
        assertEquals(FixtureRuns.families().size() + 1, document.select("figure > svg").size());
        for (final Path svgFile : written.subList(1, written.size())) {
            assertTrue(Files.readString(svgFile).contains("<svg"), svgFile.toString());
            assertEquals(run.toAbsolutePath(), svgFile.getParent());
        }
        assertSelfContained(document, page);
    }

    @Test
    void shouldAddDiffSectionAndChangesChartForTwoRuns() throws Exception {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path slower = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2,
            key -> key.family().equals("block") ? 1.10 : 1.0, Map.of("cpu.model", "AMD EPYC 7B13"));
        final Path out = resultsRoot.resolve("compare.html");
        ReportWriter.write(List.of(RunFolder.open(base), RunFolder.open(slower)), out);

        final String page = Files.readString(out);
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
    void shouldGiveEveryInlineSvgItsOwnIds() throws Exception {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path out = run.resolve(ReportWriter.FILE_NAME);
        ReportWriter.write(List.of(RunFolder.open(run)), out);
        final Document document = Jsoup.parse(Files.readString(out));
        final List<String> ids = document.select("svg [id]").eachAttr("id");
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "duplicate ids would make clip paths point elsewhere");
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

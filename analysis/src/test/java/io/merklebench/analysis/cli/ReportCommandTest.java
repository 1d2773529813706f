package io.merklebench.analysis.cli;

import io.merklebench.report.FixtureRuns;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportCommandTest {
    @TempDir
    Path workDirectory;

    /** The committed fixture runs: two hosts, vm-b slower on rocksdb block rows and on another CPU. */
    @Test
    void shouldWriteReportOfCommittedFixtureRunsWithOneSvgPerFamily() throws IOException, URISyntaxException {
        final Path fixtures = Path.of(ReportCommandTest.class.getResource("/results-fixtures").toURI());
        final Path out = workDirectory.resolve("compare.html");
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", fixtures.resolve("vm-a").toString(),
            fixtures.resolve("vm-b").toString(), "--out", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().startsWith("report: " + out.toAbsolutePath()), outcome.out());
        final Document document = Jsoup.parse(Files.readString(out));
        for (final String family : FixtureRuns.families()) {
            assertFalse(document.select("#family-" + family + " figure > svg").isEmpty(), "svg for " + family);
        }
        assertEquals(1, document.select("#changes figure > svg").size());
        assertTrue(document.select("#changes table.facts").text().contains("AMD EPYC 7B13"));
        assertTrue(Files.exists(workDirectory.resolve("compare-block.svg")));
    }

    @Test
    void shouldWriteIntoFirstRunByDefault() throws IOException {
        final Path run = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", workDirectory.resolve("vm-a")
            .toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(Files.exists(run.resolve("report.html")));
        assertTrue(Files.exists(run.resolve("report-query.svg")));
    }

    @Test
    void shouldWriteNothingWhenARunIsBroken() throws IOException {
        final Path good = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path broken = FixtureRuns.write(workDirectory, "vm-b", "2026-11-23T11:00:00Z", 2);
        Files.writeString(broken.resolve("samples.csv"), "benchmark,engine\nquery.hit,heap\n");
        final List<Path> before = DiffCommandTest.listAll(workDirectory);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", good.toString(), broken.toString());
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().startsWith("report: samples.csv " + broken.resolve("samples.csv").toAbsolutePath()
            + " line 1: missing columns store, size"), outcome.err());
        assertEquals(before, DiffCommandTest.listAll(workDirectory));
    }

    @Test
    void shouldRejectOutputInMissingDirectory() throws IOException {
        final Path run = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path out = workDirectory.resolve("no-such-dir").resolve("r.html");
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", run.toString(), "--out", out.toString());
        assertEquals(1, outcome.exitCode());
        assertEquals("report: --out directory does not exist: " + out.getParent().toAbsolutePath() + " (--out=" + out
            + "); nothing was written", outcome.err().strip());
    }

    /** Issue 16 item 9: {@code --out /tmp} wrote its charts into {@code /} as {@code /tmp-*.svg}, then failed. */
    @Test
    void shouldWriteIntoADirectoryGivenAsOut() throws IOException {
        final Path run = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path target = Files.createDirectory(workDirectory.resolve("reports"));
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", run.toString(), "--out",
            target.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(Files.exists(target.resolve("report.html")));
        assertTrue(Files.exists(target.resolve("report-query.svg")));
        try (var siblings = Files.list(workDirectory)) {
            assertTrue(siblings.noneMatch(file -> file.getFileName().toString().startsWith("reports-")),
                "charts beside the directory instead of in it");
        }
    }

    @Test
    void shouldWriteNothingForAMissingDirectoryGivenWithATrailingSlash() throws IOException {
        final Path run = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final List<Path> before = DiffCommandTest.listAll(workDirectory);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", run.toString(), "--out",
            workDirectory.resolve("missing") + "/");
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("--out directory does not exist"), outcome.err());
        assertEquals(before, DiffCommandTest.listAll(workDirectory));
    }
}

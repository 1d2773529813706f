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
import java.util.Map;

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

    /**
     * Issue 18: the fleet report. Three hosts in one folder, vm-b 20% slower on rocksdb rows and on another CPU; with
     * vm-b as the base, the fleet table leads with vm-b, shows each host's facts as columns and each family's change
     * against vm-b, and the chart series are named after the hosts.
     */
    @Test
    void shouldWriteTheFleetReportOfEveryHostAgainstTheChosenBase() throws IOException {
        FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T09:00:00Z", 1); // older: not in the report
        final Path newestA = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 2);
        FixtureRuns.write(workDirectory, "vm-b", "2026-11-23T11:00:00Z", 3,
            key -> "rocksdb".equals(key.params().get("store")) ? 1.2 : 1.0, Map.of("cpu.model", "AMD EPYC 7B13"));
        FixtureRuns.write(workDirectory, "vm-c", "2026-11-23T12:00:00Z", 4);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", "--hosts", workDirectory.toString(),
            "--base", "vm-b");
        assertEquals(0, outcome.exitCode(), outcome.err());
        final Path report = workDirectory.resolve("fleet-report.html");
        assertTrue(outcome.out().startsWith("report: " + report.toAbsolutePath()), outcome.out());

        final Document document = Jsoup.parse(Files.readString(report));
        assertEquals("merkle-bench fleet report", document.select("h1").text());
        final var rows = document.select("#fleet table.fleet tbody tr");
        assertEquals(3, rows.size());
        assertEquals(List.of("A", "vm-b", "20261123T110000Z"), rows.get(0).select("td").eachText().subList(0, 3));
        assertEquals(List.of("B", "vm-a", newestA.getFileName().toString()),
            rows.get(1).select("td").eachText().subList(0, 3));
        assertEquals("vm-c", rows.get(2).select("td").get(1).text());
        final List<String> header = document.select("#fleet table.fleet thead th").eachText();
        assertTrue(header.containsAll(List.of("cpu", "cores", "memory", "disk", "fs", "jvm")), header.toString());
        assertTrue(rows.get(0).text().contains("AMD EPYC 7B13"), rows.get(0).text());
        assertTrue(rows.get(1).text().contains("Intel(R) Xeon(R) CPU @ 2.20GHz"), rows.get(1).text());
        final List<String> changesHeader = document.select("#fleet table.fleet-changes thead th").eachText();
        assertEquals(List.of("family", "unit", "rows", "B vm-a vs vm-b", "C vm-c vs vm-b"), changesHeader);
        final var block = document.select("#fleet table.fleet-changes tbody tr").stream()
            .filter(row -> row.select("td").get(0).text().equals("block")).findFirst().orElseThrow();
        // vm-a and vm-c are faster than the base on block (every block row has a rocksdb half 20% slower on vm-b)
        assertTrue(block.select("td").get(3).text().startsWith("-"), block.text());
        assertTrue(block.select("td").get(4).text().startsWith("-"), block.text());
        for (final String family : FixtureRuns.families()) {
            assertFalse(document.select("#family-" + family + " figure > svg").isEmpty(), "svg for " + family);
        }
        assertTrue(document.select("#family-query svg").text().contains("vm-c"), "host-named series");
        assertTrue(document.select("#changes").text().contains("Changes against vm-b/20261123T110000Z"));
        assertTrue(Files.exists(workDirectory.resolve("fleet-report-block.svg")));
    }

    @Test
    void shouldRefuseAnUnknownBaseHostAndWriteNothing() throws IOException {
        FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final List<Path> before = DiffCommandTest.listAll(workDirectory);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("report", "--hosts", workDirectory.toString(),
            "--base", "vm-z");
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().strip().endsWith("no host folder vm-z (--base); the hosts are: vm-a"),
            outcome.err());
        assertEquals(before, DiffCommandTest.listAll(workDirectory));
    }

    @Test
    void shouldRefuseRunsWithHostsAndABaseWithoutHosts() throws IOException {
        final Path run = FixtureRuns.write(workDirectory, "vm-a", "2026-11-23T10:00:00Z", 1);
        final DiffCommandTest.Outcome both = DiffCommandTest.run("report", run.toString(), "--hosts",
            workDirectory.toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("give RUN folders or --hosts DIR, not both"), both.err());
        final DiffCommandTest.Outcome base = DiffCommandTest.run("report", run.toString(), "--base", "vm-a");
        assertEquals(2, base.exitCode());
        assertTrue(base.err().contains("--base needs --hosts"), base.err());
        final DiffCommandTest.Outcome neither = DiffCommandTest.run("report");
        assertEquals(2, neither.exitCode());
        assertTrue(neither.err().contains("missing RUN folders or --hosts DIR"), neither.err());
    }
}

package io.merklebench.analysis.cli;

import io.merklebench.report.FixtureRuns;
import io.merklebench.results.ResultsCsv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandTest {
    @TempDir
    Path resultsRoot;

    /** Exit code and captured output of one command line. */
    record Outcome(int exitCode, String out, String err) {
    }

    static Outcome run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = MbenchAnalysis.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    private Path[] twoHosts(final double blockFactor) throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2,
            key -> key.family().equals("block") ? blockFactor : 1.0, Map.of("disk.model", "nvme0n1"));
        return new Path[] {base, other};
    }

    @Test
    void shouldPrintHostFactsFirstThenRowsSummaryAndMissingRows() throws IOException {
        twoHosts(1.10);
        final Outcome outcome = run("diff", resultsRoot.resolve("vm-a").toString(),
            resultsRoot.resolve("vm-b").toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        final String out = outcome.out();
        final int facts = out.indexOf("Host facts that differ:");
        final int rows = out.indexOf("Rows in every run");
        final int summary = out.indexOf("Geometric mean per family");
        final int missing = out.indexOf("Rows not in every run:");
        assertTrue(0 < facts && facts < rows && rows < summary && summary < missing, out);
        assertTrue(out.contains("disk.model  PersistentDisk  nvme0n1"), out);
        assertTrue(out.matches("(?s).*block\\.tx +engine=heap store=rocksdb size=1000000 .* us/op +[0-9.]+ ±[0-9.]+%"
            + " noise=[0-9.]+% f=3 +[0-9.]+ ±[0-9.]+% noise=[0-9.]+% f=3 +\\+[0-9.]+% slower \\[[0-9.]+x, [0-9.]+x\\]"
            + " p[=<][0-9.]+.*"), out);
        assertTrue(out.contains("alpha=0.05 min-effect=5% max-interval=50%"), out);
        assertTrue(out.contains("block   us/op  12    +"), out);
    }

    @Test
    void shouldRefuseAProfiledRunAgainstAnUnprofiledOneUnlessAllowed() throws IOException {
        final Path plain = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path profiled = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T11:00:00Z", 2, key -> 1.0,
            Map.of("profiler", "cpu,alloc"));

        final Outcome refused = run("diff", plain.toString(), profiled.toString());
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("was not profiled and ") && refused.err().contains(" was profiled"
            + " (cpu,alloc); a profiler's cost is in every figure of a profiled run, so they do not compare. Give"
            + " --allow-profiled to compare them anyway"), refused.err());
        assertEquals("", refused.out());

        final Outcome allowed = run("diff", plain.toString(), profiled.toString(), "--allow-profiled");
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(allowed.out().matches("(?s).*profiler +\\(absent\\) +cpu,alloc.*"), allowed.out());
    }

    @Test
    void shouldPrintMarkdownTables() throws IOException {
        final Path[] runs = twoHosts(1.0);
        final Outcome outcome = run("diff", runs[0].toString(), runs[1].toString(), "--format", "markdown",
            "--filter", "^query\\.hit");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("### Rows in every run"), outcome.out());
        assertTrue(outcome.out().contains("| benchmark | params | unit | A | B | B vs A |"), outcome.out());
        assertFalse(outcome.out().contains("query.miss"), "filtered out");
    }

    @Test
    void shouldPrintCsvWithOneRowPerComparedRow() throws IOException {
        final Path[] runs = twoHosts(1.10);
        final Outcome outcome = run("diff", runs[0].toString(), runs[1].toString(), "--format", "csv",
            "--filter", "^block\\.");
        assertEquals(0, outcome.exitCode(), outcome.err());
        final List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(outcome.out()),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            records = parser.getRecords();
            assertTrue(parser.getHeaderNames().containsAll(List.of("benchmark", "engine", "unit", "A.centre",
                "A.ciLow", "A.ciHigh", "A.noisePercent", "A.forks", "A.samples", "B.centre", "B.changePercent",
                "B.ratioLow", "B.ratioHigh", "B.pValue", "B.verdict")), parser.getHeaderNames().toString());
        }
        assertEquals(12, records.size());
        for (final CSVRecord record : records) {
            assertEquals("worse", record.get("B.verdict"));
            assertEquals(10.0, Double.parseDouble(record.get("B.changePercent")), 5.0);
            assertEquals("15", record.get("A.samples"));
            assertEquals("3", record.get("A.forks"));
            assertTrue(Double.parseDouble(record.get("B.ratioLow")) > 1.0, record.toString());
        }
    }

    @Test
    void shouldFailAboveThresholdOnlyForSignificantRegressions() throws IOException {
        final Path[] runs = twoHosts(1.10);
        final Outcome failing = run("diff", runs[0].toString(), runs[1].toString(), "--fail-above", "5");
        assertEquals(1, failing.exitCode());
        assertTrue(failing.err().startsWith("diff: 12 significant regression(s) larger than 5.0% (--fail-above):"),
            failing.err());
        assertTrue(failing.err().contains("block.tx engine=heap store=rocksdb size=1000000"), failing.err());
        final Outcome passing = run("diff", runs[0].toString(), runs[1].toString(), "--fail-above", "25");
        assertEquals(0, passing.exitCode(), passing.err());
    }

    @Test
    void shouldReportTruncatedResultsWithFileAndLineAndWriteNothing() throws IOException {
        final Path[] runs = twoHosts(1.0);
        final Path results = runs[1].resolve(ResultsCsv.FILE_NAME);
        final String content = Files.readString(results);
        Files.writeString(results, content.substring(0, content.indexOf('\n', content.indexOf('\n') + 1) + 30));
        final List<Path> before = listAll(resultsRoot);
        final Outcome outcome = run("diff", runs[0].toString(), runs[1].toString());
        assertEquals(1, outcome.exitCode());
        assertEquals("", outcome.out());
        assertTrue(outcome.err().startsWith("diff: results.csv " + results.toAbsolutePath() + " line 3: truncated"
            + " row"), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), "one clear line: " + outcome.err());
        assertEquals(before, listAll(resultsRoot), "diff writes nothing");
    }

    @Test
    void shouldReportRunFolderWithoutHostProperties() throws IOException {
        final Path[] runs = twoHosts(1.0);
        Files.delete(runs[1].resolve("host.properties"));
        final Outcome outcome = run("diff", runs[0].toString(), runs[1].toString());
        assertEquals(1, outcome.exitCode());
        assertEquals("diff: run folder " + runs[1].toAbsolutePath() + ": no host.properties (the host facts mbench"
            + " run writes beside results.csv): " + runs[1].toAbsolutePath().resolve("host.properties"),
            outcome.err().strip());
    }

    @Test
    void shouldRejectMismatchedUnits() throws IOException {
        final Path[] runs = twoHosts(1.0);
        final Path results = runs[1].resolve(ResultsCsv.FILE_NAME);
        Files.writeString(results, Files.readString(results).replace(",ns/op,", ",us/op,"));
        Files.delete(runs[1].resolve("samples.csv"));
        final Outcome outcome = run("diff", runs[0].toString(), runs[1].toString());
        assertEquals(1, outcome.exitCode());
        // Rows are compared in key order, so the first mismatch is the array engine's row on line 20.
        assertTrue(outcome.err().startsWith("diff: results.csv " + results.toAbsolutePath() + " line 20: unit"
            + " differs between runs for query.hit engine=array store=mem size=10000 keyLen=32 valueLen=100:"
            + " unit=us/op here but unit=ns/op in " + runs[0].resolve(ResultsCsv.FILE_NAME).toAbsolutePath()
            + " line 20"), outcome.err());
    }

    @Test
    void shouldRejectBadOptionsClearly() throws IOException {
        final Path[] runs = twoHosts(1.0);
        assertEquals("diff: --alpha must be between 0 and 1 (exclusive): --alpha=5.0",
            run("diff", runs[0].toString(), runs[1].toString(), "--alpha", "5").err().strip());
        assertEquals("diff: --min-effect must be a percentage >= 0: --min-effect=-1.0",
            run("diff", runs[0].toString(), runs[1].toString(), "--min-effect", "-1").err().strip());
        assertEquals("diff: --max-interval must be a percentage > 0: --max-interval=0.0",
            run("diff", runs[0].toString(), runs[1].toString(), "--max-interval", "0").err().strip());
        assertEquals(2, run("diff", runs[0].toString(), runs[1].toString(), "--max-interval", "ten").exitCode(),
            "picocli usage error: not a number");
        assertEquals("diff: unknown format 'html'; expected one of: text, markdown, csv",
            run("diff", runs[0].toString(), runs[1].toString(), "--format", "html").err().strip());
        assertTrue(run("diff", runs[0].toString(), runs[1].toString(), "--filter", "(").err()
            .startsWith("diff: --filter is not a valid regular expression: --filter=("));
        assertEquals(2, run("diff", runs[0].toString()).exitCode(), "picocli usage error: needs two runs");
        final Path missing = resultsRoot.resolve("vm-z");
        assertEquals("diff: run folder " + missing.toAbsolutePath() + ": not found",
            run("diff", runs[0].toString(), missing.toString()).err().strip());
    }

    @Test
    void shouldExitFourWhenNothingWasCompared() throws IOException {
        final Path[] runs = twoHosts(1.10);
        final Outcome filtered = run("diff", runs[0].toString(), runs[1].toString(), "--filter", "^nothing\\.",
            "--fail-above", "1");
        assertEquals(4, filtered.exitCode(), "a gate must not pass on nothing: " + filtered.out());
        assertEquals("diff: nothing compared: no row in every run matches --filter=^nothing\\.",
            filtered.err().strip());
        final Path other = FixtureRuns.write(resultsRoot, "vm-c", "2026-11-23T10:00:00Z", 5);
        Files.writeString(other.resolve("results.csv"), Files.readAllLines(other.resolve("results.csv")).get(0)
            + "\n");
        final Outcome disjoint = run("diff", runs[0].toString(), other.toString());
        assertEquals(4, disjoint.exitCode(), disjoint.out());
        assertEquals("diff: nothing compared: the runs have no row in common", disjoint.err().strip());
    }

    static List<Path> listAll(final Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.sorted().toList();
        }
    }
}

package io.merklebench.report;

import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.ResultsFormatException;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SamplesCsv;
import io.merklebench.stats.SampleComparison.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunDiffTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldFlagTenPercentSlowerRowsAsSlowerAndKeepOthersUnchanged() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2,
            key -> key.family().equals("block") ? 1.10 : 1.0, Map.of());
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), 0.05, null);

        int unchanged = 0;
        int others = 0;
        for (final RunDiff.Row row : diff.rows()) {
            final Verdict verdict = row.comparisons().get(0).verdict();
            if (row.key().family().equals("block")) {
                assertEquals(Verdict.WORSE, verdict, row.key().label());
                assertTrue(DiffPrinter.comparisonCell(row.comparisons().get(0)).contains("slower"));
            } else {
                others++;
                unchanged += verdict == Verdict.NO_CHANGE ? 1 : 0;
            }
        }
        // Unchanged rows may be flagged by chance at alpha=0.05; most must read "~".
        assertTrue(unchanged >= 0.85 * others, "unchanged=" + unchanged + " of " + others);
        final RunDiff.FamilySummary block = diff.familySummaries().stream()
            .filter(summary -> summary.family().equals("block")).findFirst().orElseThrow();
        assertEquals(10.0, block.changePercents().get(0), 1.5);
        assertEquals(12, block.rowCount());
        assertTrue(diff.regressionsAbove(5).size() == 12, diff.regressionsAbove(5).toString());
        assertTrue(diff.regressionsAbove(20).isEmpty());
    }

    @Test
    void shouldCallHigherThroughputFaster() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        // Time factor 0.8 on a throughput row: the score goes up by 25%.
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2,
            key -> key.family().equals("batch") ? 0.8 : 1.0, Map.of());
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), 0.05,
            Pattern.compile("^batch\\."));
        assertEquals(9, diff.rows().size());
        for (final RunDiff.Row row : diff.rows()) {
            assertEquals(Verdict.BETTER, row.comparisons().get(0).verdict(), row.key().label());
            assertTrue(DiffPrinter.comparisonCell(row.comparisons().get(0)).startsWith("+"));
            assertTrue(DiffPrinter.comparisonCell(row.comparisons().get(0)).contains("faster"));
        }
        assertTrue(diff.regressionsAbove(0).isEmpty(), "improvements are not regressions");
    }

    @Test
    void shouldListRowsMissingFromARunSeparately() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2);
        final List<ResultRow> rows = ResultsCsv.read(other.resolve(ResultsCsv.FILE_NAME));
        final ResultRow dropped = rows.get(0);
        ResultsCsv.write(other.resolve(ResultsCsv.FILE_NAME), rows.subList(1, rows.size()));
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), 0.05, null);
        assertEquals(1, diff.partialRows().size());
        assertEquals(dropped.key(), diff.partialRows().get(0).key());
        assertEquals(List.of(0), diff.partialRows().get(0).presentIn());
        assertEquals(rows.size() - 1, diff.rows().size());
    }

    @Test
    void shouldPrintHostFactsThatDiffer() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2, key -> 1.0,
            Map.of("cpu.model", "AMD EPYC 7B13", "fs.type", "xfs", "custom.note", "spot instance"));
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), 0.05, null);
        assertEquals(List.of(
                new RunDiff.FactDifference("cpu.model", List.of("Intel(R) Xeon(R) CPU @ 2.20GHz", "AMD EPYC 7B13")),
                new RunDiff.FactDifference("fs.type", List.of("ext4", "xfs")),
                new RunDiff.FactDifference("custom.note", List.of(RunDiff.ABSENT, "spot instance"))),
            diff.factDifferences());
    }

    @Test
    void shouldRejectMismatchedUnitsNamingBothFilesAndLines() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2);
        for (final String file : List.of(ResultsCsv.FILE_NAME, SamplesCsv.FILE_NAME)) {
            final Path path = other.resolve(file);
            Files.writeString(path, Files.readString(path).replace(",us/op,", ",ms/op,"));
        }
        final ResultsFormatException error = assertThrows(ResultsFormatException.class,
            () -> RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), 0.05, null));
        final Path otherResults = other.resolve(ResultsCsv.FILE_NAME).toAbsolutePath();
        assertEquals(otherResults, error.file());
        assertTrue(error.getMessage().startsWith("results.csv " + otherResults + " line "), error.getMessage());
        assertTrue(error.getMessage().contains(": unit differs between runs for block.tx engine=array store=mem"
            + " size=10000"), error.getMessage());
        assertTrue(error.getMessage().contains("unit=ms/op here but unit=us/op in "
            + base.resolve(ResultsCsv.FILE_NAME).toAbsolutePath() + " line "), error.getMessage());
    }

    @Test
    void shouldFallBackToScoreAndSayHowManySamplesAreNeeded() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2);
        Files.delete(other.resolve(SamplesCsv.FILE_NAME));
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), 0.05,
            Pattern.compile("^query\\.hit engine=heap store=mem size=10000 "));
        assertEquals(1, diff.rows().size());
        final RunDiff.Row row = diff.rows().get(0);
        assertEquals(1, row.medians().get(1).sampleCount());
        assertEquals(RunFolder.open(other).result(row.key()).orElseThrow().score(), row.medians().get(1).median());
        assertEquals(Verdict.INSUFFICIENT_SAMPLES, row.comparisons().get(0).verdict());
        assertEquals("need >= 4 samples per side for alpha=0.05, have 10 and 1", row.comparisons().get(0).note());
    }

    @Test
    void shouldNameSidesLikeSpreadsheetColumns() {
        assertEquals("A", RunDiff.sideLabel(0));
        assertEquals("Z", RunDiff.sideLabel(25));
        assertEquals("AA", RunDiff.sideLabel(26));
        assertEquals("AB", RunDiff.sideLabel(27));
    }
}

package io.merklebench.report;

import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.ResultsFormatException;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SamplesCsv;
import io.merklebench.stats.ForkComparison.Verdict;
import io.merklebench.stats.VerdictRules;
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
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), VerdictRules.DEFAULTS, null);

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
        // Below the 5% minimum effect and inside 1% fork noise, an unchanged row must not get a verdict.
        assertEquals(others, unchanged, "unchanged=" + unchanged + " of " + others);
        final RunDiff.FamilySummary block = diff.familySummaries().stream()
            .filter(summary -> summary.family().equals("block")).findFirst().orElseThrow();
        assertEquals(10.0, block.changes().get(0).changePercent(), 1.5);
        assertEquals(12, block.rowCount());
        assertEquals(Verdict.WORSE, block.changes().get(0).verdict());
        assertEquals(12, block.changes().get(0).rowsWith(Verdict.WORSE));
        assertTrue(diff.regressionsAbove(5).size() == 12, diff.regressionsAbove(5).toString());
        assertTrue(diff.regressionsAbove(20).isEmpty());
    }

    @Test
    void shouldCallHigherThroughputFaster() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        // Time factor 0.8 on a throughput row: the score goes up by 25%.
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2,
            key -> key.family().equals("batch") ? 0.8 : 1.0, Map.of());
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), VerdictRules.DEFAULTS,
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
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), VerdictRules.DEFAULTS, null);
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
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), VerdictRules.DEFAULTS, null);
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
            () -> RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), VerdictRules.DEFAULTS, null));
        final Path otherResults = other.resolve(ResultsCsv.FILE_NAME).toAbsolutePath();
        assertEquals(otherResults, error.file());
        assertTrue(error.getMessage().startsWith("results.csv " + otherResults + " line "), error.getMessage());
        assertTrue(error.getMessage().contains(": unit differs between runs for block.tx engine=array store=mem"
            + " size=10000"), error.getMessage());
        assertTrue(error.getMessage().contains("unit=ms/op here but unit=us/op in "
            + base.resolve(ResultsCsv.FILE_NAME).toAbsolutePath() + " line "), error.getMessage());
    }

    @Test
    void shouldFallBackToScoreAndSayHowManyForksAreNeeded() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        final Path other = FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 2);
        Files.delete(other.resolve(SamplesCsv.FILE_NAME));
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)), VerdictRules.DEFAULTS,
            Pattern.compile("^query\\.hit engine=heap store=mem size=10000 "));
        assertEquals(1, diff.rows().size());
        final RunDiff.Row row = diff.rows().get(0);
        assertEquals(1, row.sides().get(1).forkCount());
        assertEquals(RunFolder.open(other).result(row.key()).orElseThrow().score(), row.sides().get(1).centre(),
            1e-9);
        assertEquals(Verdict.INSUFFICIENT_FORKS, row.comparisons().get(0).verdict());
        assertEquals("forks per side: 3 and 1: rerun with --forks 3 or more", row.comparisons().get(0).note());
    }

    @Test
    void shouldWarnWhenTheRunsOrOneLabelSpanTwoMachines() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T10:00:00Z", 1, key -> 1.0,
            Map.of("cpu.model", "AMD EPYC"));
        FixtureRuns.write(resultsRoot, "vm", "2026-11-23T10:30:00Z", 3, key -> 1.0, Map.of("cpu.model", "AMD EPYC"));
        final Path other = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T11:00:00Z", 2);
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(other)),
            VerdictRules.DEFAULTS, null);
        assertEquals(List.of(
            "the runs were measured on different machines: A: AMD EPYC, 2 cores, 8.0 GiB; B: Intel(R) Xeon(R) CPU"
                + " @ 2.20GHz, 2 cores, 8.0 GiB (a difference may be the machine, not the code)",
            "label vm runs on 2 machines: AMD EPYC, 2 cores, 8.0 GiB (2 runs); Intel(R) Xeon(R) CPU @ 2.20GHz,"
                + " 2 cores, 8.0 GiB (1 run): one label should name one machine"), diff.runWarnings());
        final RunDiff same = RunDiff.compare(List.of(RunFolder.open(base),
            RunFolder.open(resultsRoot.resolve("vm/20261123T103000Z"))), VerdictRules.DEFAULTS, null);
        assertEquals(1, same.runWarnings().size(), same.runWarnings().toString());
    }

    @Test
    void shouldWarnWhenARunStoppedBeforeItFinished() throws IOException {
        final Path base = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T10:00:00Z", 1, key -> 1.0,
            Map.of("run.forksDone", "108", "run.forksPlanned", "108"));
        final Path stopped = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T11:00:00Z", 2, key -> 1.0,
            Map.of("run.forksDone", "72", "run.forksPlanned", "108"));
        final RunDiff diff = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(stopped)),
            VerdictRules.DEFAULTS, null);
        assertEquals(List.of("run vm/20261123T110000Z stopped after 72 of 108 forks: its rows hold fewer forks than"
            + " planned and later cases may be missing (repeat it with mbench run --like)"), diff.runWarnings());
        final RunDiff finished = RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(base)),
            VerdictRules.DEFAULTS, null);
        assertEquals(List.of(), finished.runWarnings());
        final Path simulation = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T12:00:00Z", 3, key -> 1.0,
            Map.of("run.forksDone", "2", "run.forksPlanned", "4", "profile", "simulate"));
        assertEquals(List.of("run vm/20261123T120000Z stopped after 2 of 4 forks: the engine x store pairs after the"
            + " stop are missing (repeat it with mbench simulate on the folder's simulation-plan.json)"),
            RunDiff.compare(List.of(RunFolder.open(base), RunFolder.open(simulation)), VerdictRules.DEFAULTS, null)
                .runWarnings());
    }

    @Test
    void shouldWarnWhenSimulationsRanDifferentPlans() throws IOException {
        final Path bankLike = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T10:00:00Z", 1, key -> 1.0,
            Map.of("simulate.plan", "bank-like", "simulate.versions", "500", "simulate.planSha256", "aa"));
        final Path scaled = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T11:00:00Z", 2, key -> 1.0,
            Map.of("simulate.plan", "bank-like", "simulate.versions", "500", "simulate.planSha256", "bb"));
        final Path again = FixtureRuns.write(resultsRoot, "vm", "2026-11-23T12:00:00Z", 3, key -> 1.0,
            Map.of("simulate.plan", "bank-like", "simulate.versions", "500", "simulate.planSha256", "aa"));
        final RunDiff different = RunDiff.compare(List.of(RunFolder.open(bankLike), RunFolder.open(scaled)),
            VerdictRules.DEFAULTS, null);
        assertEquals(List.of("the runs simulated different plans (vm/20261123T100000Z ran bank-like (500 versions),"
            + " vm/20261123T110000Z ran bank-like (500 versions)): their simulate rows are different experiments, so a"
            + " change between them says nothing about machine or code"), different.runWarnings());
        final RunDiff same = RunDiff.compare(List.of(RunFolder.open(bankLike), RunFolder.open(again)),
            VerdictRules.DEFAULTS, null);
        assertEquals(List.of(), same.runWarnings());
    }

    @Test
    void shouldNameSidesLikeSpreadsheetColumns() {
        assertEquals("A", RunDiff.sideLabel(0));
        assertEquals("Z", RunDiff.sideLabel(25));
        assertEquals("AA", RunDiff.sideLabel(26));
        assertEquals("AB", RunDiff.sideLabel(27));
    }
}

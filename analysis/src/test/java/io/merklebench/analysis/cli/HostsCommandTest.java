package io.merklebench.analysis.cli;

import io.merklebench.report.FixtureRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostsCommandTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldListHostsAndRunsWithKeyFacts() throws IOException {
        FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T12:30:00Z", 2, key -> 1.0, Map.of("profile", "standard"));
        FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T11:00:00Z", 3, key -> 1.0,
            Map.of("cpu.model", "AMD EPYC 7B13", "git.commit", "abc1234", "disk.rotational", "true"));
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("hosts", resultsRoot.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        final String[] lines = outcome.out().split("\n");
        assertEquals("results directory: " + resultsRoot.toAbsolutePath(), lines[0]);
        assertTrue(lines[1].startsWith("host  run               start (UTC)           profile   commit   cpu"), lines[1]);
        assertTrue(lines[2].matches("vm-a +20261123T100000Z +2026-11-23T10:00:00Z +quick +c7d9feb +Intel.* +2 +8 GiB"
            + " +PersistentDisk \\(ssd\\) +ext4 +17.0.13\\+11"), lines[2]);
        assertTrue(lines[3].startsWith("vm-a  20261123T123000Z  2026-11-23T12:30:00Z  standard"), lines[3]);
        assertTrue(lines[4].matches("vm-b .* abc1234 +AMD EPYC 7B13 .*PersistentDisk \\(rotational\\).*"), lines[4]);
        assertEquals(5, lines.length);
    }

    @Test
    void shouldWarnAboutALabelWhoseRunsSpanMachinesAndStillExitZero() throws IOException {
        final Map<String, String> amd = Map.of("cpu.model", "AMD EPYC", "memory.bytes", "25276063744");
        for (final String start : List.of("2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z", "2026-11-23T12:00:00Z")) {
            FixtureRuns.write(resultsRoot, "vm", start, 1, key -> 1.0, amd);
        }
        FixtureRuns.write(resultsRoot, "vm", "2026-11-24T10:00:00Z", 2, key -> 1.0,
            Map.of("cpu.model", "Intel(R) Xeon(R) Processor", "memory.bytes", "25276100000"));
        FixtureRuns.write(resultsRoot, "vm-b", "2026-11-23T10:00:00Z", 3);
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("hosts", resultsRoot.toString());
        assertEquals(0, outcome.exitCode(), "a mixed label is a warning: " + outcome.err());
        final List<String> lines = List.of(outcome.out().split("\n"));
        assertEquals(2 + 5 + 2, lines.size(), outcome.out());
        assertEquals("warning: label vm runs on 2 machines: AMD EPYC, 2 cores, 23.5 GiB (3 runs); Intel(R) Xeon(R)"
            + " Processor, 2 cores, 23.5 GiB (1 run)", lines.get(7));
        assertEquals("  one label should name one machine: record each under its own, e.g. mbench run --label"
            + " vm-amd-epyc-2c-24g, vm-intel-xeon-2c-24g", lines.get(8));
        assertFalse(outcome.out().contains("label vm-b"), "vm-b is one machine");
    }

    @Test
    void shouldWarnAboutARunStoppedBeforeItFinished() throws IOException {
        FixtureRuns.write(resultsRoot, "vm", "2026-11-23T10:00:00Z", 1, key -> 1.0,
            Map.of("run.forksDone", "40", "run.forksPlanned", "117"));
        FixtureRuns.write(resultsRoot, "vm", "2026-11-23T11:00:00Z", 2, key -> 1.0,
            Map.of("run.forksDone", "117", "run.forksPlanned", "117"));
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("hosts", resultsRoot.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        final List<String> lines = List.of(outcome.out().split("\n"));
        assertTrue(lines.get(2).matches("vm +20261123T100000Z +2026-11-23T10:00:00Z +quick \\(stopped\\) .*"),
            lines.get(2));
        assertTrue(lines.get(3).matches("vm +20261123T110000Z +2026-11-23T11:00:00Z +quick +c7d9feb .*"),
            lines.get(3));
        assertEquals(List.of("warning: run vm/20261123T100000Z stopped after 40 of 117 forks: its rows hold fewer"
            + " forks than planned and later cases may be missing (repeat it with mbench run --like)"),
            lines.subList(4, lines.size()));
    }

    @Test
    void shouldFlagRunWithoutHostPropertiesAndExitOne() throws IOException {
        final Path run = FixtureRuns.write(resultsRoot, "vm-a", "2026-11-23T10:00:00Z", 1);
        Files.delete(run.resolve("host.properties"));
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("hosts", resultsRoot.toString());
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.out().contains("vm-a  20261123T100000Z  (unreadable: see below)"), outcome.out());
        assertEquals("hosts: host.properties " + run.resolve("host.properties").toAbsolutePath() + ": file not found:"
            + " a run folder holds the host facts written by mbench run", outcome.err().strip());
    }

    @Test
    void shouldExplainMissingResultsDirectory() {
        final Path missing = resultsRoot.resolve("nothing-here");
        final DiffCommandTest.Outcome outcome = DiffCommandTest.run("hosts", missing.toString());
        assertEquals(1, outcome.exitCode());
        assertEquals("hosts: results directory " + missing.toAbsolutePath() + ": not found (mbench run records runs"
            + " under results/<host>/)", outcome.err().strip());
    }
}

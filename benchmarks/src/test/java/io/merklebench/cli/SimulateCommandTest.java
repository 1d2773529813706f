package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.SamplesCsv;
import io.merklebench.results.SimulationCsv;
import io.merklebench.results.SimulationRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {
    @TempDir
    Path tempDir;

    @Test
    void shouldRecordASimulationOfTwoEnginesThatAgree() throws IOException {
        final Path out = tempDir.resolve("results");
        final Run run = simulate("smoke", "--engine", "heap,paged31", "--store", "mem,pagefile", "--out", out.toString(),
            "--label", "test-host", "--versions", "8");

        assertEquals(0, run.exitCode, run.out + run.err);
        assertTrue(run.out.contains("skipped (the engine cannot use the store): heap:pagefile"), run.out);
        final Path runDirectory = onlyRun(out.resolve("test-host"));
        for (final String file : List.of("host.properties", "simulation-plan.json", "simulation.csv", "results.csv",
            "samples.csv", "report.html")) {
            assertTrue(Files.isRegularFile(runDirectory.resolve(file)), file);
        }
        final List<SimulationRow> rows = SimulationCsv.read(runDirectory.resolve(SimulationCsv.FILE_NAME));
        assertEquals(3 * 8, rows.size(), "three pairs of 8 versions");
        final List<ResultRow> results = ResultsCsv.read(runDirectory.resolve(ResultsCsv.FILE_NAME));
        assertTrue(results.stream().anyMatch(row -> row.benchmark().equals("simulate.commit")
            && row.params().get("engine").equals("paged31") && row.params().get("store").equals("pagefile")));
        assertTrue(results.stream().anyMatch(row -> row.benchmark().equals("simulate.diskPerKey")));
        assertFalse(SamplesCsv.read(runDirectory.resolve(SamplesCsv.FILE_NAME)).isEmpty());
        final HostProperties host = HostProperties.read(runDirectory.resolve(HostProperties.FILE_NAME));
        assertEquals("3", host.get(HostProperties.RUN_FORKS_DONE));
        assertTrue(host.stoppedEarly().isEmpty());
        // One app hash printed per pair, all equal.
        final List<String> hashes = run.out.lines().filter(line -> line.matches("\\s+\\S+:\\S+\\s+[0-9a-f]{64}"))
            .map(line -> line.trim().split("\\s+")[1]).toList();
        assertEquals(3, hashes.size(), run.out);
        assertEquals(1, hashes.stream().distinct().count(), run.out);
        assertTrue(Files.readString(runDirectory.resolve("report.html")).contains("Simulation"));
        try (Stream<Path> leftovers = Files.list(runDirectory)) {
            assertTrue(leftovers.noneMatch(path -> path.getFileName().toString().startsWith("mbench-simulate-data-")),
                "each fork's data folder is deleted");
        }
    }

    @Test
    void shouldRefuseABadPlanBeforeCreatingAnything() throws IOException {
        final Path plan = tempDir.resolve("bad.json");
        Files.writeString(plan, "{\"stores\": [], \"phases\": [], \"colour\": \"red\"}");
        final Path out = tempDir.resolve("results");

        final Run run = simulate(plan.toString(), "--out", out.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains("unknown field 'colour' at $"), run.err);
        assertFalse(Files.exists(out), "nothing created");
    }

    @Test
    void shouldRefuseUnknownNamesVersionsAndAMissingPlan() {
        final Path out = tempDir.resolve("results");
        final Run engine = simulate("smoke", "--engine", "btree", "--out", out.toString());
        assertEquals(UserErrors.INPUT_ERROR, engine.exitCode);
        assertTrue(engine.err.contains("unknown name in --engine: 'btree'"), engine.err);
        final Run versions = simulate("smoke", "--versions", "1000", "--out", out.toString());
        assertTrue(versions.err.contains("--versions must be between 1 and the plan's 20"), versions.err);
        final Run missing = simulate(tempDir.resolve("nope.json").toString(), "--out", out.toString());
        assertTrue(missing.err.contains("plan file not found"), missing.err);
        final Run refused = simulate("smoke", "--engine", "heap", "--store", "pagefile", "--out", out.toString());
        assertTrue(refused.err.contains("engine heap cannot use store pagefile"), refused.err);
        // smoke's reader iterates ranges; mpt cannot iterate: refused before any fork, not part-way through
        final Run ranges = simulate("smoke", "--engine", "array,mpt", "--store", "mem", "--out", out.toString());
        assertEquals(UserErrors.INPUT_ERROR, ranges.exitCode);
        assertTrue(ranges.err.contains("engine mpt cannot iterate ranges"), ranges.err);
        assertFalse(Files.exists(out), "nothing created");
    }

    @Test
    void shouldRefuseAPlanThatDoesNotFitTheDisk() {
        final Path out = tempDir.resolve("results");
        final Run run = simulate("bank-like", "--scale", "100000", "--store", "rocksdb", "--out", out.toString());

        assertEquals(UserErrors.INPUT_ERROR, run.exitCode);
        assertTrue(run.err.contains("not enough room in") && run.err.contains("GiB are free"), run.err);
        assertFalse(Files.exists(out.resolve(HostProperties.FILE_NAME)));
    }

    @Test
    void shouldGenerateWithoutApplyingInADryRun() throws IOException {
        final Path changeset = tempDir.resolve("smoke.cs");
        final Run run = simulate("smoke", "--dry-run", "--write-changeset", changeset.toString(), "--out",
            tempDir.resolve("results").toString());

        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.out.contains("dry run of plan smoke: 20 versions"), run.out);
        assertTrue(Files.readString(tempDir.resolve("smoke.bank.cs")).contains("\ncommit\n"));
        assertFalse(Files.exists(tempDir.resolve("results")), "a dry run records nothing");
    }

    private static Path onlyRun(final Path hostDirectory) throws IOException {
        try (Stream<Path> runs = Files.list(hostDirectory)) {
            final List<Path> all = runs.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static Run simulate(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Mbench.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] full = new String[args.length + 1];
        full[0] = "simulate";
        System.arraycopy(args, 0, full, 1, args.length);
        final int exitCode = commandLine.execute(full);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}

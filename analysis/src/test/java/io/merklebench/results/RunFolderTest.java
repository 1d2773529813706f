package io.merklebench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {
    @TempDir
    Path resultsRoot;

    @Test
    void shouldNameRunFolderAfterHostAndUtcStart() {
        final Path run = RunFolder.runDirectory(resultsRoot, "vm-a", Instant.parse("2026-11-23T14:05:12.789Z"));
        assertEquals(resultsRoot.resolve("vm-a").resolve("20261123T140512Z"), run);
    }

    @Test
    void shouldOpenRunFolderWithAllFiles() throws IOException {
        final Path run = writeRun("vm-a", "2026-11-23T14:05:12Z", true);
        final RunFolder folder = RunFolder.open(run);
        assertEquals(run.toAbsolutePath(), folder.directory());
        assertEquals("vm-a", folder.hostLabel());
        assertEquals(ResultsCsvTest.sampleRows(), folder.results());
        assertEquals(SamplesCsvTest.sampleRows(), folder.samples());
        assertEquals(Instant.parse("2026-11-23T14:05:12Z"), folder.start().orElseThrow());
        assertEquals("vm-a/20261123T140512Z", folder.displayName());
    }

    @Test
    void shouldOpenNewestRunOfHostFolder() throws IOException {
        writeRun("vm-a", "2026-11-23T09:00:00Z", true);
        final Path newest = writeRun("vm-a", "2026-11-23T14:00:00Z", false);
        writeRun("vm-a", "2026-11-22T23:59:59Z", true);
        Files.createDirectories(resultsRoot.resolve("vm-a").resolve("notes"));
        final RunFolder folder = RunFolder.open(resultsRoot.resolve("vm-a"));
        assertEquals(newest.toAbsolutePath(), folder.directory());
        assertEquals(List.of(), folder.samples(), "samples.csv absent means no samples");
    }

    @Test
    void shouldPassOverStoppedRunsWhenOpeningTheNewestOfAHostFolder() throws IOException {
        final Path finished = writeRun("vm-a", "2026-11-23T09:00:00Z", true);
        final Path stopped = writeRun("vm-a", "2026-11-23T14:00:00Z", true);
        markProgress(stopped, 72, 108);
        assertEquals(finished.toAbsolutePath(), RunFolder.open(resultsRoot.resolve("vm-a")).directory());
        assertEquals(stopped.toAbsolutePath(), RunFolder.open(stopped).directory(), "named, it opens");

        markProgress(finished, 1, 2);
        final ResultsFormatException error = assertThrows(ResultsFormatException.class,
            () -> RunFolder.open(resultsRoot.resolve("vm-a")));
        assertEquals("run folder " + resultsRoot.resolve("vm-a").toAbsolutePath() + ": no finished run: its 2 run"
            + " folders were stopped before the end (or are still running); name one to compare it anyway",
            error.getMessage());
    }

    private static void markProgress(final Path run, final int done, final int planned) throws IOException {
        HostProperties.read(run.resolve(HostProperties.FILE_NAME))
            .put(HostProperties.RUN_FORKS_DONE, Integer.toString(done))
            .put(HostProperties.RUN_FORKS_PLANNED, Integer.toString(planned))
            .write(run.resolve(HostProperties.FILE_NAME));
    }

    @Test
    void shouldRejectRunFolderWithoutHostProperties() throws IOException {
        final Path run = writeRun("vm-a", "2026-11-23T14:00:00Z", true);
        Files.delete(run.resolve(HostProperties.FILE_NAME));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> RunFolder.open(run));
        assertEquals("run folder " + run.toAbsolutePath() + ": no host.properties (the host facts mbench run writes"
            + " beside results.csv): " + run.toAbsolutePath().resolve("host.properties"), error.getMessage());
    }

    @Test
    void shouldRejectFolderThatIsNeitherRunNorHost() throws IOException {
        final Path empty = Files.createDirectories(resultsRoot.resolve("empty"));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> RunFolder.open(empty));
        assertTrue(error.getMessage().startsWith("run folder " + empty.toAbsolutePath() + ": neither a run folder"),
            error.getMessage());
        final Path missing = resultsRoot.resolve("missing");
        assertEquals("run folder " + missing.toAbsolutePath() + ": not found",
            assertThrows(ResultsFormatException.class, () -> RunFolder.open(missing)).getMessage());
    }

    @Test
    void shouldRejectNewerFormatVersion() throws IOException {
        final Path run = writeRun("vm-a", "2026-11-23T14:00:00Z", false);
        HostProperties.read(run.resolve(HostProperties.FILE_NAME)).put(HostProperties.FORMAT_VERSION, "3")
            .write(run.resolve(HostProperties.FILE_NAME));
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> RunFolder.open(run));
        assertTrue(error.getMessage().endsWith("results format version not supported by this toolkit (it reads 1, 2):"
            + " format.version=3"), error.getMessage());
    }

    @Test
    void shouldRejectBadHostLabels() {
        final Instant start = Instant.parse("2026-11-23T14:00:00Z");
        for (final String label : new String[] {"a/b", "a\\b", "a,b", "a\nb", "", " a", "..", "."}) {
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RunFolder.runDirectory(resultsRoot, label, start), "label=" + label);
            assertTrue(error.getMessage().startsWith("host label must"), error.getMessage());
        }
    }

    @Test
    void shouldRejectDuplicateRowNamingBothLines() throws IOException {
        final Path run = writeRun("vm-a", "2026-11-23T14:00:00Z", false);
        final List<ResultRow> rows = new java.util.ArrayList<>(ResultsCsvTest.sampleRows());
        rows.add(rows.get(1));
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), rows);
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> RunFolder.open(run));
        assertEquals("results.csv " + run.resolve(ResultsCsv.FILE_NAME).toAbsolutePath() + " line 7: duplicate row"
            + " for block.tx engine=heap store=rocksdb size=100000 blockSize=100 durable=true (first on line 3)",
            error.getMessage());
    }

    @Test
    void shouldRejectSampleWhoseUnitDiffersFromItsResult() throws IOException {
        final Path run = writeRun("vm-a", "2026-11-23T14:00:00Z", true);
        final Path samples = run.resolve(SamplesCsv.FILE_NAME);
        final List<String> lines = Files.readAllLines(samples);
        lines.set(4, lines.get(4).replace(",ns/op,", ",us/op,"));
        Files.write(samples, lines);
        final ResultsFormatException error = assertThrows(ResultsFormatException.class, () -> RunFolder.open(run));
        assertEquals("samples.csv " + samples.toAbsolutePath() + " line 5: unit differs from results.csv line 2 for"
            + " query.hit engine=heap store=mem size=10000: unit=us/op but results.csv has unit=ns/op",
            error.getMessage());
    }

    @Test
    void shouldGroupSampleValuesByRow() throws IOException {
        final RunFolder folder = RunFolder.open(writeRun("vm-a", "2026-11-23T14:00:00Z", true));
        final ResultRow hit = folder.results().get(0);
        assertEquals(List.of(800.0, 801.25, 799.5, 805.0, 802.0, 798.75), folder.sampleValues(hit.key()));
        assertEquals(List.of(), folder.sampleValues(folder.results().get(1).key()));
        assertEquals(hit, folder.result(hit.key()).orElseThrow());
        assertEquals(2, folder.resultLineNumber(0));
    }

    @Test
    void shouldNameTheSimulationFileOnlyWhenTheRunHasOne() throws IOException {
        final Path run = writeRun("vm-a", "2026-11-23T14:00:00Z", false);
        assertEquals(java.util.Optional.empty(), RunFolder.open(run).simulationFile());
        SimulationCsv.write(run.resolve(SimulationCsv.FILE_NAME), List.of());
        assertEquals(run.toAbsolutePath().resolve(SimulationCsv.FILE_NAME),
            RunFolder.open(run).simulationFile().orElseThrow());
    }

    private Path writeRun(final String label, final String startUtc, final boolean withSamples) throws IOException {
        final Instant start = Instant.parse(startUtc);
        final Path run = Files.createDirectories(RunFolder.runDirectory(resultsRoot, label, start));
        new HostProperties().put(HostProperties.LABEL, label).put(HostProperties.RUN_START_UTC, startUtc)
            .put(HostProperties.FORMAT_VERSION, ResultColumns.FORMAT_VERSION)
            .write(run.resolve(HostProperties.FILE_NAME));
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), ResultsCsvTest.sampleRows());
        if (withSamples) {
            SamplesCsv.write(run.resolve(SamplesCsv.FILE_NAME), SamplesCsvTest.sampleRows());
        }
        return run;
    }
}

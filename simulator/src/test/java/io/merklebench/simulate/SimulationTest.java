package io.merklebench.simulate;

import io.merklebench.core.Bytes;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.Replayer;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.results.SimulationRow;
import io.merklebench.simulate.plan.Plan;
import io.merklebench.simulate.plan.PlanFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationTest {
    @TempDir
    Path directory;

    private Simulation.Outcome simulate(final Plan plan, final String engine, final String store, final Path changesets) {
        return new Simulation(new Simulation.Settings(plan, engine, store, directory.resolve(engine + "-" + store),
            plan.totalVersions(), 1, false, changesets, line -> { }, () -> false)).run();
    }

    @Test
    void shouldGiveTheSameAppHashOnEveryEngine() {
        final Plan smoke = PlanFile.bundled("smoke");
        final String heap = simulate(smoke, "heap", "mem", null).appHashHex();
        for (final String engine : List.of("array", "paged15", "paged31")) {
            assertEquals(heap, simulate(smoke, engine, "mem", null).appHashHex(), engine);
        }
        assertEquals(heap, simulate(smoke, "heap", "rocksdb", null).appHashHex(), "heap on rocksdb");
        assertEquals(heap, simulate(smoke, "paged31", "pagefile", null).appHashHex(), "paged31 on pagefile");
        assertEquals(64, heap.length());
    }

    @Test
    void shouldRecordEveryVersionWithReadersAndKeys() {
        final Plan smoke = PlanFile.bundled("smoke");
        final Simulation.Outcome outcome = simulate(smoke, "array", "mem", null);
        assertEquals(smoke.totalVersions(), outcome.rows().size());
        assertFalse(outcome.stopped());
        final SimulationRow last = outcome.rows().get(outcome.rows().size() - 1);
        assertEquals(smoke.keysAfter(smoke.totalVersions()), last.keys());
        assertEquals(smoke.keysAfter(smoke.totalVersions()), outcome.keys());
        long gets = 0;
        for (final SimulationRow row : outcome.rows()) {
            gets += row.readerGets();
            assertTrue(row.readerMisses() <= row.readerGets());
            assertEquals(row.hashMillis() + row.saveMillis() + row.pruneMillis(), row.commitMillis(), 1e-9);
        }
        assertTrue(gets > 0, "the reader read");
        assertTrue(outcome.readerP99Micros() >= outcome.readerP50Micros());
    }

    @ParameterizedTest
    @CsvSource({"heap,rocksdb", "array,rocksdb", "paged15,lmdb", "paged31,pagefile"})
    void shouldSyncOnlyTheVersionsTheDurabilitySays(final String engine, final String store) {
        final Plan smoke = PlanFile.bundled("smoke"); // durability.every = 2
        final Simulation.Outcome outcome = simulate(smoke, engine, store, null);
        for (final SimulationRow row : outcome.rows()) {
            if (row.version() % 2 == 0) {
                assertTrue(row.syncs() >= smoke.stores().size(), "version " + row.version() + " syncs every tree");
            } else {
                assertEquals(0, row.syncs(), "version " + row.version() + " is not durable");
            }
        }
        assertFalse(Double.isNaN(outcome.finalDiskBytes()));
    }

    @Test
    void shouldPruneToTheKeptVersions() {
        final Plan smoke = PlanFile.bundled("smoke"); // keepRecent 3, every 2 versions
        final Path store = directory.resolve("pruned");
        new Simulation(new Simulation.Settings(smoke, "heap", "lmdb", store, smoke.totalVersions(), 1, false, null,
            line -> { }, () -> false)).run();
        try (MerkleTree tree = Registry.openTree("heap", "lmdb", store.resolve("bank"), StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS)) {
            assertArrayEquals(new long[] {18, 19, 20}, tree.savedVersions());
        }
    }

    @Test
    void shouldLetReadersReadWhilePruningKeepsOneVersion() {
        final Plan smoke = PlanFile.bundled("smoke");
        final Plan keepOne = new Plan(smoke.name(), smoke.description(), smoke.seed(), smoke.stores(), smoke.phases(),
            new Plan.Readers(2, "bank", 5, 10), new Plan.Pruning(1, 1), smoke.durability(), smoke.cache(),
            smoke.diskUsageEvery());
        // Each save deletes the version the readers read until then: they must already read the new one.
        for (final String engine : List.of("array", "heap", "paged31")) {
            final Simulation.Outcome outcome = new Simulation(new Simulation.Settings(keepOne, engine, "mem",
                directory.resolve("keep-one-" + engine), keepOne.totalVersions(), 1, false, null, line -> { },
                () -> false)).run();
            assertEquals(keepOne.totalVersions(), outcome.versionsDone(), engine);
            assertEquals(simulate(smoke, engine, "mem", null).appHashHex(), outcome.appHashHex(), engine);
        }
    }

    @Test
    void shouldStopAtAVersionBoundaryAndKeepWhatWasMeasured() {
        final Plan smoke = PlanFile.bundled("smoke");
        final AtomicInteger asked = new AtomicInteger();
        final Simulation.Outcome outcome = new Simulation(new Simulation.Settings(smoke, "heap", "mem",
            directory.resolve("stopped"), smoke.totalVersions(), 1, false, null, line -> { },
            () -> asked.incrementAndGet() > 4)).run();
        assertTrue(outcome.stopped());
        assertEquals(4, outcome.versionsDone());
        assertEquals(4, outcome.rows().size());
    }

    @Test
    void shouldWriteChangesetsThatReplayToTheSameRoots() throws IOException {
        final Plan smoke = PlanFile.bundled("smoke");
        final Path file = directory.resolve("smoke.cs");
        final Simulation.Outcome outcome = simulate(smoke, "heap", "mem", file);
        final List<Path> files = ChangesetFiles.pathsFor(file, smoke);
        assertEquals(List.of(directory.resolve("smoke.auth.cs"), directory.resolve("smoke.bank.cs")), files);
        final List<byte[]> lastRoots = new ArrayList<>();
        for (final Path changeset : files) {
            final byte[][] last = new byte[1][];
            try (BufferedReader reader = Files.newBufferedReader(changeset, StandardCharsets.UTF_8);
                 ChangesetReader operations = new ChangesetReader(reader, changeset.toString());
                 MerkleTree tree = Registry.openTree("array", "mem", directory.resolve("replay-" + changeset.getFileName()),
                     StoreOptions.DEFAULTS,
                     TreeOptions.DEFAULTS)) {
                // Every commit line carries the saved root: the replay checks each version on another engine.
                final long versions = new Replayer(tree).replay(operations, (version, root, line) -> last[0] = root);
                assertEquals(smoke.totalVersions(), versions);
            }
            lastRoots.add(last[0]);
        }
        assertEquals(outcome.appHashHex(), Bytes.toHex(AppHash.of(java.util.Map.of("auth", lastRoots.get(0),
            "bank", lastRoots.get(1)))));
    }

    @Test
    void shouldHandTheRowsSoFarToTheCheckpoint() {
        final Plan smoke = PlanFile.bundled("smoke");
        final List<Integer> sizes = new ArrayList<>();
        new Simulation(new Simulation.Settings(smoke, "heap", "mem", directory.resolve("checkpointed"),
            smoke.totalVersions(), 1, false, null, line -> { }, () -> false), rows -> sizes.add(rows.size()), 0).run();
        assertEquals(smoke.totalVersions(), sizes.size(), "a checkpoint after every version with an interval of 0");
        for (int i = 0; i < sizes.size(); i++) {
            assertEquals(i + 1, sizes.get(i));
        }
    }

    @Test
    void shouldGenerateWithoutApplyingInADryRun() {
        final Plan smoke = PlanFile.bundled("smoke");
        final Simulation.Outcome outcome = new Simulation(new Simulation.Settings(smoke, "none", "none", directory,
            smoke.totalVersions(), 1, true, null, line -> { }, () -> false)).run();
        assertEquals(smoke.totalVersions(), outcome.versionsDone());
        assertEquals(0, outcome.applyMillis());
        assertTrue(outcome.generateMillis() > 0);
        assertEquals("", outcome.appHashHex());
    }
}

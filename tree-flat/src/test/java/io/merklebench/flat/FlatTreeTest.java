package io.merklebench.flat;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flat's contents and persistence on {@code mem} and an on-disk store ({@code rocksdb}), against a {@link TreeMap}. */
class FlatTreeTest {
    private static final long[] SEEDS = {1L, 42L, 20261202L};
    /** Versions saved per seed. */
    private static final int VERSIONS = 6;
    private static final int OPERATIONS_PER_VERSION = 300;
    /** Chance of reopening the store after a save. */
    private static final double REOPEN_CHANCE = 0.3;
    /** Keys drawn from a small space so that updates and removes of present keys are common. */
    private static final int KEY_SPACE = 500;

    @TempDir
    Path directory;

    private MerkleTree open(final String store) {
        return Registry.openTree(FlatEngine.NAME, store, directory.resolve(store), StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS.withDurable(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "rocksdb"})
    void shouldMatchReferenceMapUnderSeededRandomOperationsAndReopens(final String store) {
        for (final long seed : SEEDS) {
            final SplittableRandom random = new SplittableRandom(seed);
            final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            MerkleTree tree = open(store);
            try {
                for (int version = 1; version <= VERSIONS; version++) {
                    for (int i = 0; i < OPERATIONS_PER_VERSION; i++) {
                        final byte[] key = ("k" + random.nextInt(KEY_SPACE)).getBytes(StandardCharsets.UTF_8);
                        if (random.nextInt(4) == 0) {
                            assertEquals(model.remove(key) != null, tree.remove(key), "seed=" + seed);
                        } else {
                            final byte[] value = new byte[random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(20)];
                            random.nextBytes(value);
                            assertEquals(model.put(key, value) != null, tree.set(key, value), "seed=" + seed);
                        }
                    }
                    assertContents(model, tree, "seed=" + seed + " version=" + version + " before save");
                    tree.save();
                    assertEquals(version, tree.lastSavedVersion(), "seed=" + seed);
                    if (random.nextDouble() < REOPEN_CHANCE) {
                        tree.close();
                        tree = open(store);
                    }
                    assertContents(model, tree, "seed=" + seed + " version=" + version + " after save");
                    assertContents(model, tree.view(tree.lastSavedVersion()), "seed=" + seed + " view");
                }
            } finally {
                tree.close();
                Registry.store(store).destroy(directory.resolve(store));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "rocksdb"})
    void shouldReopenAtLastSavedVersionDiscardingUnsavedChanges(final String store) {
        try (MerkleTree tree = open(store)) {
            tree.set(bytes("a"), bytes("1"));
            tree.set(bytes("b"), bytes("2"));
            tree.save();
            tree.remove(bytes("a"));
            tree.save();
            tree.set(bytes("c"), bytes("unsaved"));
        }
        try (MerkleTree tree = open(store)) {
            assertEquals(2, tree.lastSavedVersion());
            assertEquals(1, tree.size());
            assertNull(tree.get(bytes("a")));
            assertArrayEquals(bytes("2"), tree.get(bytes("b")));
            assertNull(tree.get(bytes("c")));
            assertArrayEquals(FlatEngine.NO_ROOT_HASH, tree.rootHash());
        }
    }

    @Test
    void shouldCommitOnceAndSyncOncePerDurableSave() {
        try (MerkleTree tree = Registry.openTree(FlatEngine.NAME, "rocksdb", directory.resolve("r"),
            StoreOptions.DEFAULTS, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 100; i++) {
                tree.set(bytes("k" + i), bytes("v" + i));
            }
            final var before = tree.store().counters().snapshot();
            tree.save();
            final var delta = tree.store().counters().snapshot().minus(before);
            assertEquals(1, delta.commitCount());
            assertEquals(1, delta.syncCount());
        }
    }

    @Test
    void shouldIsolateWorkingCopyFromTree() {
        try (MerkleTree tree = open("mem")) {
            tree.set(bytes("a"), bytes("1"));
            tree.save();
            final WorkingTree copy = tree.workingCopy();
            copy.set(bytes("a"), bytes("changed"));
            copy.set(bytes("b"), bytes("new"));
            assertArrayEquals(bytes("1"), tree.get(bytes("a")));
            assertNull(tree.get(bytes("b")));
            assertEquals(2, copy.size());
            assertEquals(1, tree.size());
        }
    }

    @Test
    void shouldRefuseOlderVersionsBadKeysAndAnotherEnginesStore() {
        try (MerkleTree tree = open("mem")) {
            tree.set(bytes("a"), bytes("1"));
            tree.save();
            tree.save();
            final IllegalArgumentException old = assertThrows(IllegalArgumentException.class, () -> tree.view(1));
            assertTrue(old.getMessage().contains("only the last saved version"), old.getMessage());
            assertThrows(IllegalArgumentException.class, () -> tree.set(new byte[0], bytes("x")));
            assertThrows(IllegalArgumentException.class, () -> tree.get(null));
            assertThrows(IllegalArgumentException.class, () -> tree.set(bytes("a"), null));
        }
        try (MerkleTree tree = Registry.openTree(FlatEngine.NAME, "mem", directory.resolve("other"),
            StoreOptions.DEFAULTS, TreeOptions.DEFAULTS)) {
            tree.store().put(bytes("m"), bytes("array-v1"), false);
        }
        final IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> Registry.openTree(
            FlatEngine.NAME, "mem", directory.resolve("other"), StoreOptions.DEFAULTS, TreeOptions.DEFAULTS));
        assertTrue(foreign.getMessage().contains("engine flat") && foreign.getMessage().contains("array-v1"),
            foreign.getMessage());
        Registry.store("mem").destroy(directory.resolve("other"));
    }

    private static void assertContents(final TreeMap<byte[], byte[]> model, final io.merklebench.core.tree.TreeReader tree,
                                       final String context) {
        assertEquals(model.size(), tree.size(), context);
        for (final Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            assertArrayEquals(entry.getValue(), tree.get(entry.getKey()), context);
        }
        final List<byte[]> keys = new ArrayList<>();
        tree.iterate(null, null, (key, value) -> {
            assertArrayEquals(model.get(key), value, context);
            return keys.add(key);
        });
        assertEquals(model.size(), keys.size(), context);
        final List<byte[]> ranged = new ArrayList<>();
        tree.iterate(bytes("k2"), bytes("k4"), (key, value) -> ranged.add(key));
        assertEquals(model.subMap(bytes("k2"), bytes("k4")).size(), ranged.size(), context);
        assertFalse(ranged.stream().anyMatch(key -> model.get(key) == null), context);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.merklebench.array.TreeFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayNodeStoreTest {
    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        TreeFixture.destroy(directory);
    }

    @Test
    void shouldReopenWithOlderVersionsReadable() {
        final List<byte[]> hashes = new ArrayList<>();
        try (ArrayTree tree = TreeFixture.open(directory, TreeOptions.DEFAULTS)) {
            for (int version = 1; version <= 5; version++) {
                for (int i = 0; i < 100; i++) {
                    tree.set(bytes("key" + i), bytes("v" + version + "-" + i));
                }
                tree.remove(bytes("key" + version));
                hashes.add(tree.save());
            }
            tree.deleteVersion(2);
        }
        try (ArrayTree reopened = TreeFixture.open(directory, TreeOptions.DEFAULTS)) {
            assertArrayEquals(new long[]{1, 3, 4, 5}, reopened.savedVersions());
            for (final long version : reopened.savedVersions()) {
                assertArrayEquals(hashes.get((int)version - 1), reopened.view(version).rootHash(), "version=" + version);
                assertEquals(99, reopened.view(version).size());
                assertArrayEquals(bytes("v" + version + "-50"), reopened.view(version).get(bytes("key50")));
                assertNull(reopened.view(version).get(bytes("key" + version)));
            }
            assertThrows(IllegalArgumentException.class, () -> reopened.view(2));
            // a reopened tree keeps saving and releasing versions correctly
            reopened.set(bytes("after"), bytes("reopen"));
            reopened.save();
            reopened.deleteVersion(1);
            reopened.deleteVersion(3);
            assertArrayEquals(hashes.get(3), reopened.view(4).rootHash());
            assertEquals(100, reopened.size());
        }
    }

    @Test
    void shouldSplitLargeVersionsIntoChunksAndReloadThem() {
        final SplittableRandom random = new SplittableRandom(11);
        final byte[] hash;
        try (ArrayTree tree = TreeFixture.open(directory, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 5_000; i++) {
                final byte[] key = new byte[16];
                random.nextBytes(key);
                tree.set(key, new byte[40]);
            }
            hash = tree.save();
            assertTrue(chunkKeys(tree.store()).size() > 5, "a 5k-key version spans several chunks");
        }
        try (ArrayTree reopened = TreeFixture.open(directory, TreeOptions.DEFAULTS)) {
            assertArrayEquals(hash, reopened.rootHash());
            assertEquals(9_999, reopened.memoryStats().nodeCount());
        }
    }

    @Test
    void shouldDeleteChunksOnceNoKeptVersionUsesTheirNodes() {
        try (ArrayTree tree = TreeFixture.open(directory, TreeOptions.DEFAULTS.withKeepRecent(1))) {
            for (int version = 1; version <= 4; version++) {
                for (int i = 0; i < 50; i++) {
                    tree.set(bytes("key" + i), bytes("v" + version));
                }
                tree.save();
            }
            // every node was replaced at each version: only the last version's chunk and root remain
            final TreeSet<String> versionsInStore = new TreeSet<>();
            for (final byte[] key : chunkKeys(tree.store())) {
                versionsInStore.add(Bytes.toHex(key).substring(2, 18));
            }
            assertEquals(new TreeSet<>(List.of("0000000000000004")), versionsInStore);
            assertArrayEquals(new long[]{4}, tree.savedVersions());
        }
    }

    @Test
    void shouldRejectStoreWrittenByAnotherEngine() {
        final KvStore store = Registry.store("mem").open(directory, StoreOptions.DEFAULTS);
        store.put(bytes("n-some-heap-node"), bytes("x"), false);
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> new ArrayEngine().open(store, TreeOptions.DEFAULTS));
        assertEquals("mem store at " + directory.toAbsolutePath()
            + " holds data that the array engine did not write (no format marker key 'm')", error.getMessage());
        store.close();
    }

    @Test
    void shouldRejectUnknownFormat() {
        final KvStore store = Registry.store("mem").open(directory, StoreOptions.DEFAULTS);
        store.put(ArrayNodeStore.META_KEY, bytes("array-v9"), false);
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> new ArrayEngine().open(store, TreeOptions.DEFAULTS));
        assertTrue(error.getMessage().endsWith("holds array engine data of an unknown format: format=array-v9 expected=array-v1"),
            error.getMessage());
        store.close();
    }

    @Test
    void shouldCommitDurablyWhenAsked() {
        try (ArrayTree tree = TreeFixture.open(directory, TreeOptions.DEFAULTS)) {
            tree.set(bytes("a"), bytes("1"));
            final long commitsBefore = tree.store().counters().commitCount();
            tree.save();
            assertEquals(commitsBefore + 1, tree.store().counters().commitCount(), "one commit per save");
        }
    }

    private static List<byte[]> chunkKeys(final KvStore store) {
        final List<byte[]> keys = new ArrayList<>();
        store.iterate(new byte[]{ArrayNodeStore.CHUNK_PREFIX}, new byte[]{ArrayNodeStore.CHUNK_PREFIX + 1},
            (key, value) -> keys.add(key));
        return keys;
    }
}

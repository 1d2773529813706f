package io.merklebench.heap;

import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapNodeStoreTest {
    private static final TreeOptions OPTIONS = TreeOptions.DEFAULTS.withDurable(false);

    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        Registry.store("mem").destroy(directory);
    }

    @Test
    void shouldLayOutNodeKeysAsPrefixVersionAndSequenceBigEndian() {
        assertEquals("6e" + "0000000000000105" + "00000007", Bytes.toHex(HeapNodeStore.nodeKey(0x105, 7)));
        assertEquals("72" + "0000000000000105", Bytes.toHex(HeapNodeStore.rootKey(0x105)));
        assertEquals("6f" + "0000000000000009" + "0000000000000003" + "0000000c",
            Bytes.toHex(HeapNodeStore.orphanKey(9, 3, 12)));
    }

    @Test
    void shouldWriteEachVersionsNodesContiguouslyWithTheRootFirst() {
        try (MerkleTree tree = open()) {
            for (int i = 0; i < 100; i++) {
                tree.set(key(i), value(i));
            }
            tree.save();
            final int pathLength = depthOf(tree.root(), key(42)) + 1;
            tree.set(key(42), value(4242)); // an update: one new leaf and every inner node on its path
            tree.save();

            final TreeMap<Long, List<Integer>> sequencesByVersion = nodeSequencesByVersion(tree.store());
            assertEquals(List.of(1L, 2L), new ArrayList<>(sequencesByVersion.keySet()));
            assertEquals(199, sequencesByVersion.get(1L).size(), "100 leaves and 99 inner nodes at version 1");
            assertEquals(pathLength, sequencesByVersion.get(2L).size(), "version 2 writes only the updated path");
            for (final List<Integer> sequences : sequencesByVersion.values()) {
                for (int i = 0; i < sequences.size(); i++) {
                    assertEquals(i + 1, sequences.get(i), "sequences are 1..n without gaps");
                }
            }
            final ByteBuffer root = ByteBuffer.wrap(tree.store().get(HeapNodeStore.rootKey(2)));
            assertEquals(2, root.getLong());
            assertEquals(1, root.getInt(), "a changed root is the first node of its version");
            assertEquals(pathLength, countKeys(tree.store(), 'o'), "the replaced path is recorded as orphans");
        }
    }

    @Test
    void shouldFreeEveryNodeNoKeptVersionUses() {
        try (MerkleTree tree = open()) {
            for (int version = 1; version <= 6; version++) {
                for (int i = 0; i < 60; i++) {
                    tree.set(key(version * 31 + i * 7), value(version));
                    if (i % 4 == 0) {
                        tree.remove(key(i * 13));
                    }
                }
                tree.save();
            }
            for (final long version : new long[] {3, 1, 5, 2, 4}) {
                tree.deleteVersion(version);
            }
            assertArrayEquals(new long[] {6}, tree.savedVersions());
            final int[] reachable = new int[1];
            countNodes(tree.root(), reachable);
            assertEquals(reachable[0], countKeys(tree.store(), 'n'), "only the nodes of version 6 remain");
            assertEquals(0, countKeys(tree.store(), 'o'), "no orphan records remain");
            assertEquals(1, countKeys(tree.store(), 'r'));
        }
    }

    @Test
    void shouldRejectStoreHoldingOtherData() {
        try (KvStore store = Registry.store("mem").open(directory, StoreOptions.DEFAULTS)) {
            store.put("foreign".getBytes(StandardCharsets.UTF_8), new byte[] {1}, false);
        }
        final IllegalStateException error = assertThrows(IllegalStateException.class, this::open);
        assertTrue(error.getMessage().contains("did not write") && error.getMessage().contains(Bytes.toHex(
            "foreign".getBytes(StandardCharsets.UTF_8))), error.getMessage());
        assertTrue(error.getMessage().contains(directory.toAbsolutePath().toString()), error.getMessage());
    }

    @Test
    void shouldRejectStoreWrittenInAnotherFormat() {
        try (KvStore store = Registry.store("mem").open(directory, StoreOptions.DEFAULTS)) {
            store.put(new byte[] {'m'}, "paged engine, format 3".getBytes(StandardCharsets.UTF_8), false);
        }
        final IllegalStateException error = assertThrows(IllegalStateException.class, this::open);
        assertTrue(error.getMessage().contains("paged engine, format 3"), error.getMessage());
    }

    @Test
    void shouldReportMissingNodeClearly() {
        try (MerkleTree tree = open()) {
            for (int i = 0; i < 10; i++) {
                tree.set(key(i), value(i));
            }
            tree.save();
            tree.store().delete(HeapNodeStore.nodeKey(1, 2), false);
        }
        try (MerkleTree tree = Registry.openTree(HeapEngine.NAME, "mem", directory, StoreOptions.DEFAULTS,
            OPTIONS.withNodeCacheSize(1))) {
            final StoreDamageException error = assertThrows(StoreDamageException.class,
                () -> tree.iterate(null, null, (key, value) -> true));
            assertTrue(error.getMessage().contains("version=1 sequence=2"), error.getMessage());
        }
    }

    private MerkleTree open() {
        return Registry.openTree(HeapEngine.NAME, "mem", directory, StoreOptions.DEFAULTS, OPTIONS);
    }

    private static TreeMap<Long, List<Integer>> nodeSequencesByVersion(final KvStore store) {
        final TreeMap<Long, List<Integer>> byVersion = new TreeMap<>();
        store.iterate(new byte[] {'n'}, new byte[] {'n' + 1}, (key, value) -> {
            final ByteBuffer fields = ByteBuffer.wrap(key, 1, key.length - 1);
            byVersion.computeIfAbsent(fields.getLong(), ignored -> new ArrayList<>()).add(fields.getInt());
            return true;
        });
        return byVersion;
    }

    private static int countKeys(final KvStore store, final char prefix) {
        final int[] count = new int[1];
        store.iterate(new byte[] {(byte)prefix}, new byte[] {(byte)(prefix + 1)}, (key, value) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    private static void countNodes(final io.merklebench.core.tree.NodeView node, final int[] count) {
        if (node == null) {
            return;
        }
        count[0]++;
        if (!node.isLeaf()) {
            countNodes(node.left(), count);
            countNodes(node.right(), count);
        }
    }

    private static int depthOf(final io.merklebench.core.tree.NodeView root, final byte[] key) {
        int depth = 0;
        io.merklebench.core.tree.NodeView node = root;
        while (!node.isLeaf()) {
            node = Bytes.compare(key, node.key()) < 0 ? node.left() : node.right();
            depth++;
        }
        return depth;
    }

    static byte[] key(final int number) {
        return String.format("key-%06d", number).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(final int number) {
        return ("value-" + number).getBytes(StandardCharsets.UTF_8);
    }
}

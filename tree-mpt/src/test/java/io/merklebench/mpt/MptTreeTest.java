package io.merklebench.mpt;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeReader;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;
import org.apache.tuweni.trie.MerklePatriciaTrie;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mpt engine's contract (the IAVL conformance kit does not apply: its roots are Ethereum's): contents against a
 * {@link TreeMap} over seeded random operations, roots that depend on contents only, persistence and reopen, saved
 * views and copy-on-write isolation of the check copy, one commit per save, bad input.
 */
class MptTreeTest {
    static final String EMPTY_TRIE_ROOT = "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

    /** Seeds of the randomized runs; each failure message names its seed. */
    private static final long[] SEEDS = {1L, 42L, 20261202L};
    /** Versions saved per seed. */
    private static final int VERSIONS = 6;
    private static final int OPERATIONS_PER_VERSION = 250;
    /** Chance of reopening the store after a save. */
    private static final double REOPEN_CHANCE = 0.3;
    /** Keys drawn from a small space so that updates and removes of present keys are common. */
    private static final int KEY_SPACE = 400;

    @TempDir
    Path directory;

    private MerkleTree open(final String store, final String name) {
        return Registry.openTree(MptEngine.NAME, store, directory.resolve(name), StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS.withDurable(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "rocksdb"})
    void shouldMatchReferenceMapUnderSeededRandomOperationsAndReopens(final String store) {
        for (final long seed : SEEDS) {
            final String name = store + "-" + seed;
            final SplittableRandom random = new SplittableRandom(seed);
            final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
            final Map<Long, byte[]> savedRoots = new TreeMap<>();
            final Map<Long, TreeMap<byte[], byte[]>> savedContents = new TreeMap<>();
            MerkleTree tree = open(store, name);
            try {
                for (int version = 1; version <= VERSIONS; version++) {
                    for (int i = 0; i < OPERATIONS_PER_VERSION; i++) {
                        final byte[] key = ("k" + random.nextInt(KEY_SPACE)).getBytes(StandardCharsets.UTF_8);
                        if (random.nextInt(4) == 0) {
                            assertEquals(model.remove(key) != null, tree.remove(key), "seed=" + seed);
                        } else {
                            final byte[] value = new byte[1 + random.nextInt(40)];
                            random.nextBytes(value);
                            assertEquals(model.put(key, value) != null, tree.set(key, value), "seed=" + seed);
                        }
                    }
                    assertContents(model, tree, "seed=" + seed + " version=" + version + " before save");
                    final byte[] root = tree.save();
                    assertArrayEquals(rootOfFreshTrie(model, store, name + "-fresh" + version), root,
                        "seed=" + seed + " version=" + version + ": the root depends on the contents only");
                    savedRoots.put((long) version, root);
                    savedContents.put((long) version, new TreeMap<>(model));
                    if (random.nextDouble() < REOPEN_CHANCE) {
                        tree.close();
                        tree = open(store, name);
                        assertArrayEquals(root, tree.rootHash(), "seed=" + seed + " reopened");
                    }
                    assertContents(model, tree, "seed=" + seed + " version=" + version + " after save");
                }
                for (final Map.Entry<Long, byte[]> saved : savedRoots.entrySet()) {
                    final TreeView view = tree.view(saved.getKey());
                    assertArrayEquals(saved.getValue(), view.rootHash(), "seed=" + seed + " view " + saved.getKey());
                    assertContents(savedContents.get(saved.getKey()), view, "seed=" + seed + " view " + saved.getKey());
                }
            } finally {
                tree.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mem", "rocksdb"})
    void shouldReopenAtLastSavedRootDiscardingUnsavedChanges(final String store) {
        final byte[] saved;
        try (MerkleTree tree = open(store, "r")) {
            tree.set(bytes("a"), bytes("1"));
            tree.set(bytes("b"), bytes("2"));
            tree.save();
            tree.remove(bytes("a"));
            saved = tree.save();
            tree.set(bytes("c"), bytes("unsaved"));
        }
        try (MerkleTree tree = open(store, "r")) {
            assertEquals(2, tree.lastSavedVersion());
            assertArrayEquals(saved, tree.rootHash());
            assertEquals(1, tree.size());
            assertNull(tree.get(bytes("a")));
            assertArrayEquals(bytes("2"), tree.get(bytes("b")));
            assertNull(tree.get(bytes("c")));
            assertEquals(2, tree.view(1).size());
            assertArrayEquals(bytes("1"), tree.view(1).get(bytes("a")));
        }
    }

    @Test
    void shouldRefuseTheFastIndexNamingTheEnginesThatKeepOne() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Registry.openTree(
            MptEngine.NAME, "mem", directory.resolve("fast-index"), StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS.withFastIndex(true)));
        // Which engines keep one depends on the class path (this module's tests have no IAVL engine on it).
        assertTrue(error.getMessage().startsWith("engine mpt keeps no fast index: fastIndex=true; engines that do: "),
            error.getMessage());
    }

    @Test
    void shouldHashTheEmptyTrieAsEthereumDoes() {
        try (MerkleTree tree = open("mem", "empty")) {
            assertEquals(EMPTY_TRIE_ROOT, Bytes.toHex(tree.rootHash()));
            assertEquals(EMPTY_TRIE_ROOT, Bytes.toHex(tree.save()));
            tree.set(bytes("a"), bytes("1"));
            tree.remove(bytes("a"));
            assertEquals(EMPTY_TRIE_ROOT, Bytes.toHex(tree.save()));
        }
        try (MerkleTree tree = open("mem", "empty")) {
            assertEquals(2, tree.lastSavedVersion());
            assertEquals(EMPTY_TRIE_ROOT, Bytes.toHex(tree.rootHash()));
            assertEquals(0, tree.size());
        }
    }

    @Test
    void shouldIsolateTheCheckCopyFromTheTreeAndItsViews() {
        try (MerkleTree tree = open("mem", "cow")) {
            tree.set(bytes("a"), bytes("1"));
            final byte[] saved = tree.save();
            final WorkingTree check = tree.workingCopy();
            check.set(bytes("a"), bytes("changed"));
            check.set(bytes("b"), bytes("new"));
            assertEquals(2, check.size());
            assertArrayEquals(bytes("changed"), check.get(bytes("a")));
            assertArrayEquals(bytes("1"), tree.get(bytes("a")));
            assertNull(tree.get(bytes("b")));
            assertArrayEquals(saved, tree.rootHash());
            tree.set(bytes("c"), bytes("3"));
            assertNull(check.get(bytes("c")));
            assertArrayEquals(saved, tree.view(1).rootHash());
            assertNull(tree.view(1).get(bytes("c")));
            tree.save();
            assertNull(tree.get(bytes("b")), "the check copy's writes never reach a saved version");
        }
    }

    @Test
    void shouldWriteOnlyReachableNodesInOneSyncedCommitPerSave() {
        try (MerkleTree tree = Registry.openTree(MptEngine.NAME, "rocksdb", directory.resolve("sync"),
            StoreOptions.DEFAULTS, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 200; i++) {
                tree.set(bytes("key" + i), bytes("value" + i));
            }
            final var before = tree.store().counters().snapshot();
            tree.save();
            final var delta = tree.store().counters().snapshot().minus(before);
            assertEquals(1, delta.commitCount());
            assertEquals(1, delta.syncCount());
            final long[] nodeCount = {0};
            tree.store().iterate(bytes("n"), bytes("o"), (key, value) -> ++nodeCount[0] > 0);
            // 200 keys under a common prefix: about 200 leaves and a few dozen branches, not the thousands of nodes
            // made on the way by 200 single puts.
            assertTrue(nodeCount[0] < 400, "nodes written=" + nodeCount[0]);
        }
    }

    /**
     * Loading many keys in one version: the held nodes are compacted to those the current root reaches (the 1M-key
     * benchmarks ran a 6 GB heap full before), and the saved trie is still exactly Tuweni's in-memory trie of the same
     * keys (no storage, so no held nodes: an independent root).
     */
    @Test
    void shouldCompactHeldNodesDuringALargeVersionAndKeepTheExactRoot() throws Exception {
        final int keys = 30_000; // about 5 nodes per put: several compactions from 2^16 held nodes on
        final MerklePatriciaTrie<org.apache.tuweni.bytes.Bytes> reference = MerklePatriciaTrie.storingBytes();
        final SplittableRandom random = new SplittableRandom(20261203L);
        try (MerkleTree tree = open("rocksdb", "large")) {
            for (int i = 0; i < keys; i++) {
                final byte[] key = bytes("key-" + random.nextInt(1_000_000));
                final byte[] value = bytes("value-" + i);
                tree.set(key, value);
                reference.putAsync(org.apache.tuweni.bytes.Bytes.wrap(key), org.apache.tuweni.bytes.Bytes.wrap(value))
                    .join();
            }
            final long[] heldAndPut = ((MptTree) tree).heldAndPutNodeCounts();
            assertTrue(heldAndPut[0] < heldAndPut[1] / 2, "held " + heldAndPut[0] + " of the " + heldAndPut[1]
                + " nodes put by " + keys + " sets: not compacted");
            assertEquals(reference.rootHash().toHexString().substring(2), Bytes.toHex(tree.save()));
        }
        try (MerkleTree reopened = open("rocksdb", "large")) {
            assertEquals(reference.rootHash().toHexString().substring(2), Bytes.toHex(reopened.rootHash()));
        }
    }

    @Test
    void shouldRejectBadInputWithClearMessages() {
        try (MerkleTree tree = open("mem", "bad")) {
            assertThrows(IllegalArgumentException.class, () -> tree.set(new byte[0], bytes("x")));
            assertThrows(IllegalArgumentException.class, () -> tree.get(null));
            assertThrows(IllegalArgumentException.class, () -> tree.set(bytes("a"), null));
            final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> tree.set(bytes("a"), new byte[0]));
            assertTrue(empty.getMessage().contains("empty value"), empty.getMessage());
            final UnsupportedOperationException iterate = assertThrows(UnsupportedOperationException.class,
                () -> tree.iterate(null, null, (key, value) -> true));
            assertTrue(iterate.getMessage().contains("mpt"), iterate.getMessage());
        }
    }

    @Test
    void shouldRefuseAStoreHoldingAnotherEnginesDataNamingBoth() {
        try (MerkleTree flat = Registry.openTree("flat", "mem", directory.resolve("other"), StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS)) {
            flat.set(bytes("a"), bytes("1"));
            flat.save();
        }
        final IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> open("mem", "other"));
        assertTrue(foreign.getMessage().contains("engine mpt") && foreign.getMessage().contains("flat-v1"),
            foreign.getMessage());
    }

    /** The root of the same contents put into a new trie in key order: what any correct trie of them hashes to. */
    private byte[] rootOfFreshTrie(final TreeMap<byte[], byte[]> contents, final String store, final String name) {
        try (MerkleTree fresh = open(store, name)) {
            contents.forEach(fresh::set);
            return fresh.rootHash();
        } finally {
            Registry.store(store).destroy(directory.resolve(name));
        }
    }

    private static void assertContents(final TreeMap<byte[], byte[]> model, final TreeReader tree, final String context) {
        assertEquals(model.size(), tree.size(), context);
        for (final Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            assertArrayEquals(entry.getValue(), tree.get(entry.getKey()), context);
        }
        final List<byte[]> absent = new ArrayList<>();
        for (int i = 0; i < KEY_SPACE; i += 7) {
            final byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
            if (!model.containsKey(key) && tree.get(key) != null) {
                absent.add(key);
            }
        }
        assertTrue(absent.isEmpty(), context + ": keys found that were removed or never set");
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.merklebench.heap;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checking nodes against the hashes their parents hold, on a real RocksDB: damage no store checksum can see (an entry
 * rewritten with another node's valid bytes, as a misdirected write or a bad copy would leave it) is found on the way
 * down from the root, and without the check the same store answers wrongly.
 */
class HeapNodeCheckTest {
    private static final String STORE = "rocksdb";
    private static final int KEYS = 300;
    /** A cache of one node, so that every read after reopening comes from the store. */
    private static final TreeOptions REOPEN = TreeOptions.DEFAULTS.withDurable(false).withNodeCacheSize(1);

    @TempDir
    Path directory;

    @Test
    void shouldRefuseANodeReplacedByAnotherValidNode() {
        saveTree();
        swapTwoLeaves();
        try (MerkleTree tree = Registry.openTree(HeapEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, REOPEN)) {
            final StoreDamageException damage = assertThrows(StoreDamageException.class, () -> readEveryKey(tree));
            assertTrue(damage.getMessage().contains("does not match the hash its parent holds"), damage.getMessage());
            assertTrue(damage.getMessage().contains(directory.toAbsolutePath().toString()), damage.getMessage());
            assertTrue(damage.getMessage().contains("key="), damage.getMessage());
        }
    }

    @Test
    void shouldAnswerWronglyWithoutTheCheck() {
        saveTree();
        swapTwoLeaves();
        try (MerkleTree tree = Registry.openTree(HeapEngine.NAME, STORE, directory, StoreOptions.DEFAULTS,
            REOPEN.withCheckNodes(false))) {
            assertFalse(readEveryKey(tree), "a swapped leaf must give at least one wrong answer without the check");
        }
    }

    @Test
    void shouldRefuseADamagedRootEntryHash() {
        saveTree();
        try (KvStore store = Registry.store(STORE).open(directory, StoreOptions.DEFAULTS)) {
            final byte[] rootKey = HeapNodeStore.rootKey(3);
            final byte[] reference = store.get(rootKey);
            reference[reference.length - 1] ^= 1;
            final WriteBatch batch = store.newBatch();
            batch.put(rootKey, reference);
            store.commit(batch, true);
        }
        final StoreDamageException damage = assertThrows(StoreDamageException.class, () -> Registry.openTree(
            HeapEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, REOPEN).close());
        assertTrue(damage.getMessage().contains("height="), damage.getMessage());
    }

    @Test
    void shouldReadAnUndamagedStoreWithTheCheck() {
        saveTree();
        try (MerkleTree tree = Registry.openTree(HeapEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, REOPEN)) {
            assertTrue(readEveryKey(tree));
        }
    }

    private void saveTree() {
        try (MerkleTree tree = Registry.openTree(HeapEngine.NAME, STORE, directory, StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS.withDurable(false))) {
            for (int version = 1; version <= 3; version++) {
                for (int i = 0; i < KEYS; i += version) {
                    tree.set(key(i), value(i, version));
                }
                tree.save();
            }
        }
    }

    /**
     * Writes the store value of one leaf of the last version under another's key: both entries stay valid for the
     * store, and both are reached by the last version.
     */
    private void swapTwoLeaves() {
        try (KvStore store = Registry.store(STORE).open(directory, StoreOptions.DEFAULTS)) {
            final List<byte[]> leafKeys = new ArrayList<>();
            final List<byte[]> leafValues = new ArrayList<>();
            store.iterate(HeapNodeStore.nodeKey(3, 1), HeapNodeStore.nodeKey(4, 1), (key, value) -> {
                if (value[0] == 0) {
                    leafKeys.add(key);
                    leafValues.add(value);
                }
                return leafKeys.size() < 2;
            });
            assertTrue(leafKeys.size() == 2 && !Arrays.equals(leafValues.get(0), leafValues.get(1)),
                "two different leaves: " + leafKeys.stream().map(Bytes::toHex).toList());
            final WriteBatch batch = store.newBatch();
            batch.put(leafKeys.get(0), leafValues.get(1));
            store.commit(batch, true);
        }
    }

    /** Whether every key gives its last value; throws what the tree throws. */
    private static boolean readEveryKey(final MerkleTree tree) {
        boolean allRight = true;
        for (int i = 0; i < KEYS; i++) {
            final int lastVersion = i % 3 == 0 ? 3 : i % 2 == 0 ? 2 : 1;
            allRight &= Arrays.equals(value(i, lastVersion), tree.get(key(i)));
        }
        return allRight;
    }

    private static byte[] key(final int i) {
        return String.format("key-%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(final int i, final int version) {
        return ("value-" + i + "-v" + version).getBytes(StandardCharsets.US_ASCII);
    }
}

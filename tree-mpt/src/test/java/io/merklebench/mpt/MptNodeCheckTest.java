package io.merklebench.mpt;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.apache.tuweni.trie.MerklePatriciaTrie;
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
 * Checking trie nodes read from a real RocksDB against the hash they were asked for: a node entry rewritten with
 * another node's valid bytes is refused, and without the check the same store answers wrongly.
 */
class MptNodeCheckTest {
    private static final String STORE = "rocksdb";
    private static final int KEYS = 200;
    private static final TreeOptions OPTIONS = TreeOptions.DEFAULTS.withDurable(false);

    @TempDir
    Path directory;

    @Test
    void shouldRefuseANodeReplacedByAnotherValidNode() {
        saveTrie();
        swapTwoNodes();
        try (MerkleTree tree = Registry.openTree(MptEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, OPTIONS)) {
            final StoreDamageException damage = assertThrows(StoreDamageException.class, () -> readEveryKey(tree));
            assertTrue(damage.getMessage().contains("does not match the hash its parent holds"), damage.getMessage());
            assertTrue(damage.getMessage().contains(directory.toAbsolutePath().toString()), damage.getMessage());
        }
    }

    /**
     * Without the check only Tuweni's Java {@code assert} on node hashes stands in the way, and assertions are off
     * outside tests: the read answers wrongly then.
     */
    @Test
    void shouldAnswerWronglyWithoutTheCheckUnlessJavaAssertionsAreOn() {
        saveTrie();
        swapTwoNodes();
        try (MerkleTree tree = Registry.openTree(MptEngine.NAME, STORE, directory, StoreOptions.DEFAULTS,
            OPTIONS.withCheckNodes(false))) {
            try {
                assertFalse(readEveryKey(tree), "a swapped node must give at least one wrong answer without the check");
            } catch (final AssertionError tuweniAssert) {
                assertTrue(String.valueOf(tuweniAssert.getMessage()).startsWith("Node hash"), tuweniAssert.toString());
                assertTrue(MerklePatriciaTrie.class.desiredAssertionStatus(), "only a Java assert can fail here");
            }
        }
    }

    private void saveTrie() {
        try (MerkleTree tree = Registry.openTree(MptEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, OPTIONS)) {
            for (int i = 0; i < KEYS; i++) {
                tree.set(key(i), value(i));
            }
            tree.save();
        }
    }

    /** Writes one leaf-level node's bytes under another's hash: both entries stay valid for the store. */
    private void swapTwoNodes() {
        try (KvStore store = Registry.store(STORE).open(directory, StoreOptions.DEFAULTS)) {
            final List<byte[]> keys = new ArrayList<>();
            final List<byte[]> values = new ArrayList<>();
            store.iterate(new byte[] {'n'}, new byte[] {'n' + 1}, (key, value) -> {
                // a short node is a leaf (key remainder and value); branches list 16 children
                if (value.length < 64) {
                    keys.add(key);
                    values.add(value);
                }
                return keys.size() < 2;
            });
            assertTrue(keys.size() == 2, "two leaf nodes");
            final WriteBatch batch = store.newBatch();
            batch.put(keys.get(0), values.get(1));
            store.commit(batch, true);
        }
    }

    private static boolean readEveryKey(final MerkleTree tree) {
        boolean allRight = true;
        for (int i = 0; i < KEYS; i++) {
            allRight &= Arrays.equals(value(i), tree.get(key(i)));
        }
        return allRight;
    }

    private static byte[] key(final int i) {
        return String.format("key-%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(final int i) {
        return ("value-" + i).getBytes(StandardCharsets.US_ASCII);
    }
}

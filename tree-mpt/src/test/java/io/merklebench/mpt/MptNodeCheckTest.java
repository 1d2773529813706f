package io.merklebench.mpt;

import io.merklebench.core.conformance.tree.NodeCheckFixture;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.apache.tuweni.trie.MerklePatriciaTrie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checking trie nodes read from a real RocksDB against the hash they were asked for: a node entry rewritten with
 * another node's valid bytes is refused, and without the check the same store answers wrongly.
 */
class MptNodeCheckTest {
    private static final TreeOptions OPTIONS = TreeOptions.DEFAULTS.withDurable(false);

    @TempDir
    Path directory;
    private NodeCheckFixture fixture;

    @BeforeEach
    void saveTrie() {
        fixture = new NodeCheckFixture(MptEngine.NAME, "rocksdb", directory, 200);
        fixture.saveVersions(1);
    }

    @Test
    void shouldRefuseANodeReplacedByAnotherValidNode() {
        swapTwoNodes();
        try (MerkleTree tree = fixture.open(OPTIONS)) {
            final StoreDamageException damage = assertThrows(StoreDamageException.class,
                () -> fixture.readsEveryKey(tree, 1));
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
        swapTwoNodes();
        try (MerkleTree tree = fixture.open(OPTIONS.withCheckNodes(false))) {
            try {
                assertFalse(fixture.readsEveryKey(tree, 1),
                    "a swapped node must give at least one wrong answer without the check");
            } catch (final AssertionError tuweniAssert) {
                assertTrue(String.valueOf(tuweniAssert.getMessage()).startsWith("Node hash"), tuweniAssert.toString());
                assertTrue(MerklePatriciaTrie.class.desiredAssertionStatus(), "only a Java assert can fail here");
            }
        }
    }

    /** Writes one leaf-level node's bytes under another's hash: both entries stay valid for the store. */
    private void swapTwoNodes() {
        final List<byte[]> keys = new ArrayList<>();
        final List<byte[]> values = new ArrayList<>();
        try (KvStore store = fixture.openStore()) {
            store.iterate(new byte[] {'n'}, new byte[] {'n' + 1}, (key, value) -> {
                // a short node is a leaf (key remainder and value); branches list 16 children
                if (value.length < 64) {
                    keys.add(key);
                    values.add(value);
                }
                return keys.size() < 2;
            });
        }
        assertEquals(2, keys.size(), "two leaf nodes");
        fixture.rewriteEntry(keys.get(0), values.get(1));
    }
}

package io.merklebench.heap;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.NodeCheckFixture;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private static final int VERSIONS = 3;
    /** A cache of one node, so that every read after reopening comes from the store. */
    private static final TreeOptions REOPEN = TreeOptions.DEFAULTS.withDurable(false).withNodeCacheSize(1);

    @TempDir
    Path directory;
    private NodeCheckFixture fixture;

    @BeforeEach
    void saveTree() {
        fixture = new NodeCheckFixture(HeapEngine.NAME, "rocksdb", directory, 300);
        fixture.saveVersions(VERSIONS);
    }

    @Test
    void shouldRefuseANodeReplacedByAnotherValidNode() {
        swapTwoLeaves();
        try (MerkleTree tree = fixture.open(REOPEN)) {
            final StoreDamageException damage = assertThrows(StoreDamageException.class,
                () -> fixture.readsEveryKey(tree, VERSIONS));
            assertTrue(damage.getMessage().contains("does not match the hash its parent holds"), damage.getMessage());
            assertTrue(damage.getMessage().contains(directory.toAbsolutePath().toString()), damage.getMessage());
            assertTrue(damage.getMessage().contains("key="), damage.getMessage());
        }
    }

    @Test
    void shouldAnswerWronglyWithoutTheCheck() {
        swapTwoLeaves();
        try (MerkleTree tree = fixture.open(REOPEN.withCheckNodes(false))) {
            assertFalse(fixture.readsEveryKey(tree, VERSIONS),
                "a swapped leaf must give at least one wrong answer without the check");
        }
    }

    @Test
    void shouldRefuseADamagedRootEntryHash() {
        final byte[] rootKey = HeapNodeStore.rootKey(VERSIONS);
        final byte[] reference;
        try (KvStore store = fixture.openStore()) {
            reference = store.get(rootKey);
        }
        reference[reference.length - 1] ^= 1;
        fixture.rewriteEntry(rootKey, reference);
        final StoreDamageException damage = assertThrows(StoreDamageException.class, () -> fixture.open(REOPEN).close());
        assertTrue(damage.getMessage().contains("height="), damage.getMessage());
    }

    @Test
    void shouldReadAnUndamagedStoreWithTheCheck() {
        try (MerkleTree tree = fixture.open(REOPEN)) {
            assertTrue(fixture.readsEveryKey(tree, VERSIONS));
        }
    }

    /**
     * Writes the store value of one leaf of the last version under another's key: both entries stay valid for the
     * store, and both are reached by the last version.
     */
    private void swapTwoLeaves() {
        final List<byte[]> leafKeys = new ArrayList<>();
        final List<byte[]> leafValues = new ArrayList<>();
        try (KvStore store = fixture.openStore()) {
            store.iterate(HeapNodeStore.nodeKey(VERSIONS, 1), HeapNodeStore.nodeKey(VERSIONS + 1, 1), (key, value) -> {
                if (value[0] == 0) {
                    leafKeys.add(key);
                    leafValues.add(value);
                }
                return leafKeys.size() < 2;
            });
        }
        assertTrue(leafKeys.size() == 2 && !Arrays.equals(leafValues.get(0), leafValues.get(1)),
            "two different leaves: " + leafKeys.stream().map(Bytes::toHex).toList());
        fixture.rewriteEntry(leafKeys.get(0), leafValues.get(1));
    }
}

package io.merklebench.array;

import io.merklebench.core.conformance.tree.NodeCheckFixture;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checking the array engine's nodes at open against the hashes their parents were computed from, on a real RocksDB:
 * a chunk rewritten with one value byte changed (valid for the store, as a bad copy would leave it) is refused at
 * open, and without the check the same store answers wrongly.
 */
class ArrayNodeCheckTest {
    private static final TreeOptions OPTIONS = TreeOptions.DEFAULTS.withDurable(false);

    @TempDir
    Path directory;
    private NodeCheckFixture fixture;

    @BeforeEach
    void saveTree() {
        fixture = new NodeCheckFixture(ArrayEngine.NAME, "rocksdb", directory, 200);
        fixture.saveVersions(1);
    }

    @Test
    void shouldRefuseAChangedValueAtOpen() {
        changeTheFirstLeafValue();
        final StoreDamageException damage = assertThrows(StoreDamageException.class, () -> fixture.open(OPTIONS).close());
        assertTrue(damage.getMessage().contains("does not match the hash its parent holds"), damage.getMessage());
        assertTrue(damage.getMessage().contains("height=0 key="), damage.getMessage());
        assertTrue(damage.getMessage().contains(directory.toAbsolutePath().toString()), damage.getMessage());
    }

    @Test
    void shouldAnswerWronglyWithoutTheCheck() {
        changeTheFirstLeafValue();
        try (MerkleTree tree = fixture.open(OPTIONS.withCheckNodes(false))) {
            assertFalse(fixture.readsEveryKey(tree, 1), "a changed value byte must give a wrong answer without the check");
        }
    }

    @Test
    void shouldOpenAnUndamagedStoreWithTheCheck() {
        try (MerkleTree tree = fixture.open(OPTIONS)) {
            assertTrue(fixture.readsEveryKey(tree, 1));
        }
    }

    /** Flips the last value byte of the first record of version 1's first chunk (records start with leaves). */
    private void changeTheFirstLeafValue() {
        final byte[] chunkKey = ArrayNodeStore.chunkKey(1, 0);
        final byte[] chunk;
        try (KvStore store = fixture.openStore()) {
            chunk = store.get(chunkKey);
        }
        final ByteBuffer record = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        final int fields = 4 + 1 + 32;
        final int keyLength = record.getInt(fields);
        final int valueLength = record.getInt(fields + 4);
        chunk[fields + 8 + keyLength + valueLength - 1] ^= 0x01;
        fixture.rewriteEntry(chunkKey, chunk);
    }
}

package io.merklebench.array;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checking the array engine's nodes at open against the hashes their parents were computed from, on a real RocksDB:
 * a chunk rewritten with one value byte changed (valid for the store, as a bad copy would leave it) is refused at
 * open, and without the check the same store answers wrongly.
 */
class ArrayNodeCheckTest {
    private static final String STORE = "rocksdb";
    private static final int KEYS = 200;
    private static final TreeOptions OPTIONS = TreeOptions.DEFAULTS.withDurable(false);

    @TempDir
    Path directory;

    @Test
    void shouldRefuseAChangedValueAtOpen() {
        saveTree();
        changeTheFirstLeafValue();
        final StoreDamageException damage = assertThrows(StoreDamageException.class,
            () -> Registry.openTree(ArrayEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, OPTIONS).close());
        assertTrue(damage.getMessage().contains("does not match the hash its parent holds"), damage.getMessage());
        assertTrue(damage.getMessage().contains("height=0 key="), damage.getMessage());
        assertTrue(damage.getMessage().contains(directory.toAbsolutePath().toString()), damage.getMessage());
    }

    @Test
    void shouldAnswerWronglyWithoutTheCheck() {
        saveTree();
        changeTheFirstLeafValue();
        try (MerkleTree tree = Registry.openTree(ArrayEngine.NAME, STORE, directory, StoreOptions.DEFAULTS,
            OPTIONS.withCheckNodes(false))) {
            boolean allRight = true;
            for (int i = 0; i < KEYS; i++) {
                allRight &= Arrays.equals(value(i), tree.get(key(i)));
            }
            assertFalse(allRight, "a changed value byte must give a wrong answer without the check");
        }
    }

    @Test
    void shouldOpenAnUndamagedStoreWithTheCheck() {
        saveTree();
        try (MerkleTree tree = Registry.openTree(ArrayEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, OPTIONS)) {
            for (int i = 0; i < KEYS; i++) {
                assertTrue(Arrays.equals(value(i), tree.get(key(i))), "key " + i);
            }
        }
    }

    private void saveTree() {
        try (MerkleTree tree = Registry.openTree(ArrayEngine.NAME, STORE, directory, StoreOptions.DEFAULTS, OPTIONS)) {
            for (int i = 0; i < KEYS; i++) {
                tree.set(key(i), value(i));
            }
            tree.save();
        }
    }

    /** Flips the last value byte of the first record of version 1's first chunk (records start with leaves). */
    private void changeTheFirstLeafValue() {
        try (KvStore store = Registry.store(STORE).open(directory, StoreOptions.DEFAULTS)) {
            final byte[] chunkKey = ArrayNodeStore.chunkKey(1, 0);
            final byte[] chunk = store.get(chunkKey);
            final ByteBuffer record = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
            final int fields = 4 + 1 + 32;
            final int keyLength = record.getInt(fields);
            final int valueLength = record.getInt(fields + 4);
            chunk[fields + 8 + keyLength + valueLength - 1] ^= 0x01;
            final WriteBatch batch = store.newBatch();
            batch.put(chunkKey, chunk);
            store.commit(batch, true);
        }
    }

    private static byte[] key(final int i) {
        return String.format("key-%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(final int i) {
        return ("value-" + i).getBytes(StandardCharsets.US_ASCII);
    }
}

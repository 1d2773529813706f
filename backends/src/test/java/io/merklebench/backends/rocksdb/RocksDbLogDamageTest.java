package io.merklebench.backends.rocksdb;

import io.merklebench.backends.support.FileDamage;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damage in the middle of RocksDB's write-ahead log must be an error at open, not a store that silently reopens
 * at an earlier commit (RocksDB's default recovery stops at the first bad record and drops the rest).
 */
class RocksDbLogDamageTest {
    private static final int COMMITS = 200;
    private static final int KEYS_PER_COMMIT = 20;

    @TempDir
    Path directory;

    @Test
    void shouldRefuseToOpenWhenTheMiddleOfTheLogIsDamaged() throws IOException {
        writeCommits();
        final Path log = FileDamage.largestFile(directory, "\\d+\\.log");
        final long length = Files.size(log);
        assertTrue(length > 100_000, "the commits are in the log, not flushed to tables: " + log + " " + length);
        FileDamage.flipBytes(log, length / 2, 64);
        final StoreException failure = assertThrows(StoreException.class, this::open,
            "a damaged log must not open (it would lose the commits after the damage)");
        assertTrue(failure.getMessage().contains("Corruption") && failure.getMessage().contains(log.getFileName().toString()),
            failure.getMessage());
    }

    @Test
    void shouldReopenWithEveryCommitWhenTheLogIsWhole() {
        writeCommits();
        try (KvStore store = open()) {
            assertArrayEquals(value(COMMITS - 1, KEYS_PER_COMMIT - 1), store.get(key(COMMITS - 1, KEYS_PER_COMMIT - 1)));
            assertArrayEquals(value(0, 0), store.get(key(0, 0)));
        }
    }

    private void writeCommits() {
        try (KvStore store = open()) {
            for (int commit = 0; commit < COMMITS; commit++) {
                final WriteBatch batch = store.newBatch();
                for (int k = 0; k < KEYS_PER_COMMIT; k++) {
                    batch.put(key(commit, k), value(commit, k));
                }
                store.commit(batch, true);
            }
        }
    }

    private KvStore open() {
        return new RocksDbStoreFactory().open(directory, StoreOptions.parse("compression=none"));
    }

    private static byte[] key(final int commit, final int k) {
        return ("key-" + commit + "-" + k).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(final int commit, final int k) {
        return ("value-" + commit + "-" + k + "-" + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    }
}

package io.merklebench.backends.leveldb;

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
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damage in LevelDB's files must be an error, never a store that answers without the damaged data or with wrong
 * data: in the log (checked at open, with paranoid checks) and in a table (checked on every read).
 */
class LevelDbDamageTest {
    private static final int COMMITS = 200;
    private static final int KEYS_PER_COMMIT = 20;

    @TempDir
    Path directory;

    @Test
    void shouldRefuseToOpenWhenTheMiddleOfTheLogIsDamaged() throws IOException {
        writeCommits();
        final Path log = FileDamage.largestFile(directory, "\\d+\\.log");
        final long length = Files.size(log);
        assertTrue(length > 100_000, "the commits are in the log: " + log + " " + length);
        FileDamage.flipBytes(log, length / 2, 64);
        final StoreException failure = assertThrows(StoreException.class, this::open,
            "a damaged log must not open (it would lose the commits in the damaged records)");
        assertTrue(failure.getMessage().contains("orruption"), failure.getMessage());
    }

    @Test
    void shouldAnswerExactlyOrFailWhenATableIsDamaged() throws IOException {
        writeCommits();
        open().close(); // recovery turns the log into a table
        final Path table = FileDamage.largestFile(directory, "\\d+\\.(ldb|sst)");
        final long length = Files.size(table);
        assertTrue(length > 100_000, "the commits are in a table: " + table + " " + length);
        FileDamage.flipBytes(table, length / 3, 1);
        int failures = 0;
        try (KvStore store = open()) {
            for (int commit = 0; commit < COMMITS; commit++) {
                for (int k = 0; k < KEYS_PER_COMMIT; k++) {
                    try {
                        final byte[] found = store.get(key(commit, k));
                        if (!Arrays.equals(value(commit, k), found)) {
                            fail("key " + commit + "-" + k + " answered wrongly after damage to " + table);
                        }
                    } catch (final StoreException detected) {
                        failures++;
                    }
                }
            }
        }
        assertTrue(failures > 0, "one flipped byte in the data of " + table + " went unnoticed");
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
        return new LevelDbStoreFactory().open(directory, StoreOptions.parse("compression=none"));
    }

    private static byte[] key(final int commit, final int k) {
        return String.format("key-%04d-%02d", commit, k).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] value(final int commit, final int k) {
        return ("value-" + commit + "-" + k + "-" + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII);
    }
}

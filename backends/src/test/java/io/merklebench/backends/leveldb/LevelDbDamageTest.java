package io.merklebench.backends.leveldb;

import io.merklebench.backends.support.CommittedEntries;
import io.merklebench.backends.support.FileDamage;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
    private static final CommittedEntries ENTRIES = new CommittedEntries(COMMITS, KEYS_PER_COMMIT);

    @TempDir
    Path directory;

    @Test
    void shouldRefuseToOpenWhenTheMiddleOfTheLogIsDamaged() {
        try (KvStore store = open()) {
            ENTRIES.writeTo(store);
        }
        final Path log = FileDamage.damageLargestInTheMiddle(directory, "\\d+\\.log", 64, 100_000);
        final StoreException failure = assertThrows(StoreException.class, this::open,
            "a damaged log must not open (it would lose the commits in the damaged records)");
        assertTrue(failure.getMessage().contains("orruption"), failure.getMessage());
    }

    @Test
    void shouldAnswerExactlyOrFailWhenATableIsDamaged() throws IOException {
        try (KvStore store = open()) {
            ENTRIES.writeTo(store);
        }
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
                        final byte[] found = store.get(CommittedEntries.key(commit, k));
                        if (!Arrays.equals(CommittedEntries.value(commit, k), found)) {
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

    private KvStore open() {
        return new LevelDbStoreFactory().open(directory, StoreOptions.parse("compression=none"));
    }
}

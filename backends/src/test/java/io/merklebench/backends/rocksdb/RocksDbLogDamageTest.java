package io.merklebench.backends.rocksdb;

import io.merklebench.backends.support.CommittedEntries;
import io.merklebench.backends.support.FileDamage;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            "a damaged log must not open (it would lose the commits after the damage)");
        assertTrue(failure.getMessage().contains("Corruption") && failure.getMessage().contains(log.getFileName().toString()),
            failure.getMessage());
    }

    /**
     * A durable commit is acknowledged once its log record is synced: damage to that last record later must not be
     * taken for a write cut short by a crash (RocksDB's tolerated tail) and the commit dropped.
     */
    @Test
    void shouldRefuseToOpenOrKeepEveryCommitWhenTheLastRecordIsDamaged() throws Exception {
        try (KvStore store = open()) {
            ENTRIES.writeTo(store);
        }
        final Path log = FileDamage.largestFile(directory, "\\d+\\.log");
        FileDamage.flipBytes(log, java.nio.file.Files.size(log) - 24, 4);
        final KvStore reopened;
        try {
            reopened = open();
        } catch (final StoreException refused) {
            assertTrue(refused.getMessage().contains(log.getFileName().toString()), refused.getMessage());
            return;
        }
        try (KvStore store = reopened) {
            final int last = COMMITS - 1;
            final int lastKey = KEYS_PER_COMMIT - 1;
            assertArrayEquals(CommittedEntries.value(last, lastKey), store.get(CommittedEntries.key(last, lastKey)),
                "the last durable commit was dropped without an error");
        }
    }

    @Test
    void shouldReopenWithEveryCommitWhenTheLogIsWhole() {
        try (KvStore store = open()) {
            ENTRIES.writeTo(store);
        }
        try (KvStore store = open()) {
            final int last = COMMITS - 1;
            final int lastKey = KEYS_PER_COMMIT - 1;
            assertArrayEquals(CommittedEntries.value(last, lastKey), store.get(CommittedEntries.key(last, lastKey)));
            assertArrayEquals(CommittedEntries.value(0, 0), store.get(CommittedEntries.key(0, 0)));
        }
    }

    private KvStore open() {
        return new RocksDbStoreFactory().open(directory, StoreOptions.parse("compression=none"));
    }
}

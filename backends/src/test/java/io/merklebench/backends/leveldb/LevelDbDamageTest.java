package io.merklebench.backends.leveldb;

import io.merklebench.backends.support.CommittedEntries;
import io.merklebench.backends.support.FileDamage;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /**
     * A log that ends inside a record spanning log blocks is what a process killed while writing leaves. LevelDB
     * 1.8 with paranoid checks called it corruption and the store could not be reopened after a kill (found by
     * {@code LevelDbStoreKillTest}); it must open, without the torn record, as LevelDB's later versions do.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncated", "zero-filled"})
    void shouldOpenALogTornInsideItsLastRecordWithoutThatRecord(final String tear) throws IOException {
        try (KvStore store = open()) {
            store.put(bytes("kept"), bytes("1"), true);
            store.put(bytes("torn"), new byte[100_000], true); // four log blocks of 32 KiB: first, middles, last
        }
        final Path log = FileDamage.largestFile(directory, "\\d+\\.log");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            if (tear.equals("truncated")) {
                channel.truncate(Files.size(log) - 50_000); // the file ends inside the record
            } else {
                // the record's bytes partly copied into a pre-allocated mapping, the rest never written
                channel.write(ByteBuffer.allocate(50_000), Files.size(log) - 50_000);
            }
        }
        try (KvStore store = open()) {
            assertArrayEquals(bytes("1"), store.get(bytes("kept")));
            assertNull(store.get(bytes("torn")));
        }
    }

    /** A torn tail does not excuse damage elsewhere in the same log. */
    @Test
    void shouldRefuseATornLogThatIsAlsoDamagedInTheMiddle() throws IOException {
        try (KvStore store = open()) {
            ENTRIES.writeTo(store);
            store.put(bytes("torn"), new byte[100_000], true);
        }
        final Path log = FileDamage.largestFile(directory, "\\d+\\.log");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(log) - 50_000);
        }
        FileDamage.flipBytes(log, Files.size(log) / 3, 64);
        final StoreException failure = assertThrows(StoreException.class, this::open);
        assertTrue(failure.getMessage().contains(log.getFileName() + " at offset "), failure.getMessage());
    }

    /**
     * Damage in the last block of the newest log, where a torn tail also lies: before, LevelDB's skip of the rest of
     * a block hid the intact records after the damage, and the damaged record was cut as torn with them, the store
     * reopening a few durable commits short. Found by {@code SeededCorruptionTest}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a record with intact records after it", "the last record"})
    void shouldRefuseDamageInTheLastBlockOfTheNewestLog(final String where) throws IOException {
        try (KvStore store = open()) {
            ENTRIES.writeTo(store);
        }
        final Path log = FileDamage.largestFile(directory, "\\d+\\.log");
        final long length = Files.size(log);
        // The last commit's record is about 2.6 KB: 1 KB before the end is inside it, 6 KB before is two records back.
        FileDamage.flipBytes(log, length - (where.equals("the last record") ? 1_000 : 6_000), 1);
        final StoreException failure = assertThrows(StoreException.class, this::open,
            "damage in the last block must not be taken for a torn tail");
        assertTrue(failure.getMessage().contains(log.getFileName() + " at offset "), failure.getMessage());
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private KvStore open() {
        return new LevelDbStoreFactory().open(directory, StoreOptions.parse("compression=none"));
    }
}

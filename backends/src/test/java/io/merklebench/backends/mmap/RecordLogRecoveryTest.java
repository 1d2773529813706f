package io.merklebench.backends.mmap;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreDamageException;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash leftovers the SIGKILL test cannot produce (the page cache survives a kill): records cut short, garbage after
 * the log, and damaged records in the middle and at the end. The file is edited with plain file writes between closes.
 * Run for each record-log store by {@link RecordLogStoresTest}.
 */
abstract class RecordLogRecoveryTest {
    /** The three record-log stores share the recovery, and each must reach it through its own mapping. */
    protected abstract String storeName();

    private static final StoreOptions OPTIONS = StoreOptions.parse("initialFileBytes=64k,segmentBytes=64k");


    @TempDir
    Path directory;

    @Test
    void shouldCutRecordTornInTheMiddleAndKeepEarlierOnes() throws IOException {
        final List<Long> recordOffsets = writeRecords(3);
        final long lastRecordOffset = recordOffsets.get(2);
        final int lastRecordLength = recordLengthAt(lastRecordOffset);
        // A crash that wrote only the first half of the last record: the second half and the end mark written after
        // it never reached the file.
        overwrite(lastRecordOffset + lastRecordLength / 2,
            new byte[(int) LogLayout.framedLength(lastRecordLength) - lastRecordLength / 2]);
        try (RecordLogStore store = open()) {
            assertArrayEquals(value(0), store.get(key(0)));
            assertArrayEquals(value(1), store.get(key(1)));
            assertNull(store.get(key(2)), "the torn record is not read as data");
            assertEquals(2, store.recovery().recordCount());
            assertEquals(lastRecordOffset, store.recovery().endOffset());
            assertTrue(store.recovery().cutTailBytes() > 0, "the cut is reported");
            store.put(key(3), value(3), true);
        }
        try (RecordLogStore store = open()) {
            assertEquals(0, store.recovery().cutTailBytes(), "the cut tail was zeroed, not found again");
            assertArrayEquals(value(3), store.get(key(3)), "appending resumed where the log was cut");
            assertNull(store.get(key(2)));
        }
    }

    @Test
    void shouldCutGarbageAfterLastRecord() throws IOException {
        final List<Long> recordOffsets = writeRecords(2);
        final long endOffset = recordOffsets.get(1) + LogLayout.framedLength(recordLengthAt(recordOffsets.get(1)));
        final byte[] garbage = new byte[3000];
        new SplittableRandom(99).nextBytes(garbage);
        overwrite(endOffset, garbage);
        try (RecordLogStore store = open()) {
            assertEquals(endOffset, store.recovery().endOffset());
            assertTrue(store.recovery().cutTailBytes() >= garbage.length - 8,
                "cutTailBytes=" + store.recovery().cutTailBytes());
            assertArrayEquals(value(1), store.get(key(1)));
            store.put(key(5), value(5), true);
        }
        try (RecordLogStore store = open()) {
            assertArrayEquals(value(5), store.get(key(5)));
            assertEquals(3, store.recovery().recordCount());
        }
    }

    @Test
    void shouldCutRecordWithOnlyItsLengthWritten() throws IOException {
        final List<Long> recordOffsets = writeRecords(1);
        final long endOffset = recordOffsets.get(0) + LogLayout.framedLength(recordLengthAt(recordOffsets.get(0)));
        overwrite(endOffset, ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, 500).array());
        try (RecordLogStore store = open()) {
            assertEquals(1, store.recovery().recordCount());
            assertEquals(8, store.recovery().cutTailBytes());
        }
    }

    @Test
    void shouldRefuseToOpenWhenRecordInTheMiddleIsCorrupt() throws IOException {
        final List<Long> recordOffsets = writeRecords(3);
        final long middleOffset = recordOffsets.get(1);
        // Flip one payload byte of record 2 of 3: its checksum fails while record 3 is intact.
        final long payloadByteOffset = middleOffset + LogLayout.RECORD_HEADER_LENGTH + 2;
        overwrite(payloadByteOffset, new byte[]{(byte)(readByte(payloadByteOffset) ^ 0x40)});
        final StoreException failure = assertThrows(StoreException.class, this::open);
        assertTrue(failure.getMessage().contains("corrupt in the middle"), failure.getMessage());
        assertTrue(failure.getMessage().contains("fileOffset=" + middleOffset), failure.getMessage());
        assertTrue(failure.getMessage().contains(directory.resolve(RecordLogStore.LOG_FILE_NAME).toAbsolutePath().toString()),
            failure.getMessage());
    }

    @Test
    void shouldRefuseToOpenWhenTheLastRecordWrittenWholeIsDamaged() throws IOException {
        final List<Long> recordOffsets = writeRecords(3);
        final long lastOffset = recordOffsets.get(2);
        // A flipped byte in the last record, which was acknowledged: before the end mark it was cut as a torn tail.
        final long payloadByteOffset = lastOffset + LogLayout.RECORD_HEADER_LENGTH + 3;
        overwrite(payloadByteOffset, new byte[]{(byte)(readByte(payloadByteOffset) ^ 0x08)});
        final StoreDamageException failure = assertThrows(StoreDamageException.class, this::open);
        assertTrue(failure.getMessage().contains("the record at fileOffset=" + lastOffset + " "), failure.getMessage());
        assertTrue(failure.getMessage().contains("written whole"), failure.getMessage());
    }

    @Test
    void shouldRefuseFileThatIsNotARecordLog() throws IOException {
        writeRecords(1);
        overwrite(0, "NOTALOG!".getBytes(StandardCharsets.US_ASCII));
        final StoreException failure = assertThrows(StoreException.class, this::open);
        assertTrue(failure.getMessage().startsWith("not a merkle-bench " + storeName() + " log"), failure.getMessage());
    }

    /** Writes records 0..count-1 (one key each, durably) and returns their file offsets. */
    private List<Long> writeRecords(final int count) {
        final List<Long> offsets = new ArrayList<>();
        try (RecordLogStore store = open()) {
            long offset = store.recovery().endOffset();
            for (int i = 0; i < count; i++) {
                offsets.add(offset);
                final long before = store.counters().bytesWritten();
                store.put(key(i), value(i), true);
                offset += store.counters().bytesWritten() - before;
            }
        }
        return offsets;
    }

    private RecordLogStore open() {
        return (RecordLogStore)Registry.store(storeName()).open(directory, OPTIONS);
    }

    private int recordLengthAt(final long offset) throws IOException {
        final ByteBuffer length = ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(logFile(), StandardOpenOption.READ)) {
            channel.read(length, offset);
        }
        return length.getInt(0);
    }

    private byte readByte(final long offset) throws IOException {
        final ByteBuffer one = ByteBuffer.allocate(1);
        try (FileChannel channel = FileChannel.open(logFile(), StandardOpenOption.READ)) {
            channel.read(one, offset);
        }
        return one.get(0);
    }

    private void overwrite(final long offset, final byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(logFile(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private Path logFile() {
        return directory.resolve(RecordLogStore.LOG_FILE_NAME);
    }

    private static byte[] key(final int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(final int i) {
        final byte[] value = new byte[200 + 50 * i];
        new SplittableRandom(i).nextBytes(value);
        return value;
    }
}

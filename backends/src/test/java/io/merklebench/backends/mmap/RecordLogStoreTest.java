package io.merklebench.backends.mmap;

import io.merklebench.core.conformance.store.StoreContractTest;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract for the three record-log stores (one log, three mappings; run by {@link RecordLogStoresTest}), with
 * tiny segments and a tiny
 * initial file, so the kit's 1 MiB values and random batches make the log grow and make records span mapped segments.
 */
abstract class RecordLogStoreTest extends StoreContractTest {


    @Override
    protected StoreOptions storeOptions() {
        return StoreOptions.parse("initialFileBytes=64k,segmentBytes=64k");
    }

    @Test
    void shouldReportDefaultSettings() {
        final KvStore store = open(storeDirectory(), StoreOptions.DEFAULTS);
        assertEquals("4194304", store.settings().get("initialFileBytes"));
        final int defaultSegmentBytes = storeName().equals(ChronicleStoreFactory.NAME)
            ? LogSettings.CHRONICLE_DEFAULT_SEGMENT_BYTES : LogSettings.DEFAULT_SEGMENT_BYTES;
        assertEquals(String.valueOf(defaultSegmentBytes), store.settings().get("segmentBytes"));
    }

    @Test
    void shouldCountFramedRecordBytes() {
        final KvStore store = open();
        final long before = store.counters().bytesWritten();
        store.commit(store.newBatch().put(bytes("key"), bytes("value")).delete(bytes("gone")), false);
        // record header 20 + put (9 + 3 + 5) + delete (5 + 4) = 46, padded to 48, then the end mark 8
        assertEquals(56, store.counters().bytesWritten() - before);
    }

    @Test
    void shouldGrowFileAndSpanSegments() throws IOException {
        KvStore store = open();
        final SplittableRandom random = new SplittableRandom(3);
        final byte[][] values = new byte[20][];
        for (int i = 0; i < values.length; i++) {
            values[i] = randomBytes(random, 10_000 + random.nextInt(90_000));
            store.put(bytes("v" + i), values[i], i % 3 == 0);
        }
        assertTrue(Files.size(storeDirectory().resolve(RecordLogStore.LOG_FILE_NAME)) > 1 << 20,
            "the 64 KiB file grew past 1 MiB");
        store = reopen(store);
        for (int i = 0; i < values.length; i++) {
            assertArrayEquals(values[i], store.get(bytes("v" + i)), "v" + i);
        }
    }

    @Test
    void shouldRefuseGrowthPastMaxFileBytesNamingBothSizesAndKeepWhatWasCommitted() {
        final StoreOptions capped = StoreOptions.parse("initialFileBytes=64k,segmentBytes=64k,maxFileBytes=128k");
        KvStore store = open(storeDirectory(), capped);
        final SplittableRandom random = new SplittableRandom(11);
        final byte[] first = randomBytes(random, 100_000);
        store.put(bytes("first"), first, true);
        final StoreException refused = assertThrows(StoreException.class,
            () -> store.put(bytes("second"), randomBytes(random, 100_000), true));
        assertTrue(refused.getMessage().contains("above the store option maxFileBytes=131072"), refused.getMessage());
        assertTrue(refused.getMessage().matches(".*would grow from 131072 to \\d+ bytes.*"), refused.getMessage());
        assertNull(store.get(bytes("second")), "the refused commit left nothing");
        store.put(bytes("small"), bytes("still works"), true);
        store.close();

        final StoreException tooLarge = assertThrows(StoreException.class,
            () -> open(storeDirectory(), StoreOptions.parse("initialFileBytes=64k,segmentBytes=64k,maxFileBytes=64k")));
        assertTrue(tooLarge.getMessage().contains("log file is 131072 bytes, above the store option maxFileBytes=65536"),
            tooLarge.getMessage());

        final KvStore reopened = open(storeDirectory(), capped);
        assertArrayEquals(first, reopened.get(bytes("first")));
        assertArrayEquals(bytes("still works"), reopened.get(bytes("small")));
    }

    @Test
    void shouldRejectInitialFileLargerThanMaxFileBytes() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("initialFileBytes=1m,maxFileBytes=512k")));
        assertEquals("store option initialFileBytes=1048576 is above maxFileBytes=524288", failure.getMessage());
    }

    @Test
    void shouldRejectSegmentSizeThatIsNotPowerOfTwo() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("segmentBytes=100000")));
        assertEquals("store option segmentBytes must be a power of two: segmentBytes=100000", failure.getMessage());
    }
}

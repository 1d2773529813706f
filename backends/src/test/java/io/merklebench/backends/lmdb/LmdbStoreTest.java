package io.merklebench.backends.lmdb;

import io.merklebench.core.conformance.store.StoreContractTest;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmdbStoreTest extends StoreContractTest {
    @Override
    protected String storeName() {
        return LmdbStoreFactory.NAME;
    }

    /** A small map keeps test files small; the contract's 1 MiB values make it grow. */
    @Override
    protected StoreOptions storeOptions() {
        return StoreOptions.parse("mapSizeBytes=1m");
    }

    @Test
    void shouldReportDefaultSettings() {
        final KvStore store = open(storeDirectory(), StoreOptions.DEFAULTS);
        assertEquals("1073741824", store.settings().get("mapSizeBytes"));
        assertEquals("1099511627776", store.settings().get("maxMapSizeBytes"));
        assertEquals("false", store.settings().get("writeMap"));
        assertEquals("false", store.settings().get("noReadAhead"));
    }

    @Test
    void shouldGrowFullMapAndKeepData() {
        KvStore store = open(storeDirectory(), StoreOptions.parse("mapSizeBytes=256k,maxMapSizeBytes=64m"));
        final SplittableRandom random = new SplittableRandom(5);
        final byte[][] values = new byte[8][];
        for (int i = 0; i < values.length; i++) {
            values[i] = randomBytes(random, 512 << 10);
            store.put(bytes("big-" + i), values[i], i % 2 == 0);
        }
        store = reopen(store);
        for (int i = 0; i < values.length; i++) {
            assertArrayEquals(values[i], store.get(bytes("big-" + i)), "big-" + i);
        }
    }

    @Test
    void shouldReportFullMapClearlyAndStayUsable() {
        final KvStore store = open(storeDirectory(), StoreOptions.parse("mapSizeBytes=256k,maxMapSizeBytes=512k"));
        store.put(bytes("small"), bytes("kept"), true);
        final WriteBatch tooBig = store.newBatch().put(bytes("huge"), new byte[1 << 20]).put(bytes("small"), bytes("lost"));
        final StoreException failure = assertThrows(StoreException.class, () -> store.commit(tooBig, true));
        assertTrue(failure.getMessage().contains("lmdb map is full"), failure.getMessage());
        assertTrue(failure.getMessage().contains("maxMapSizeBytes=524288"), failure.getMessage());
        assertNull(store.get(bytes("huge")), "the failed batch left nothing behind");
        assertArrayEquals(bytes("kept"), store.get(bytes("small")));
        store.put(bytes("after"), bytes("ok"), true);
        assertArrayEquals(bytes("ok"), store.get(bytes("after")));
    }

    @Test
    void shouldWorkWithWriteMapAndNoReadAhead() {
        KvStore store = open(storeDirectory(), StoreOptions.parse("mapSizeBytes=1m,writeMap=true,noReadAhead=true"));
        store.put(bytes("k"), bytes("v"), true);
        store.put(bytes("big"), new byte[2 << 20], false);
        store = reopen(store);
        assertArrayEquals(bytes("v"), store.get(bytes("k")));
        assertEquals(2 << 20, store.get(bytes("big")).length);
    }

    @Test
    void shouldCountTwoSyncsPerDurableCommit() {
        final KvStore store = open();
        final long before = store.counters().syncCount();
        store.put(bytes("k"), bytes("v"), true);
        assertEquals(2, store.counters().syncCount() - before);
    }

    @Test
    void shouldRejectKeyLongerThanLmdbMaximum() {
        final KvStore store = open();
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> store.put(new byte[512], bytes("v"), false));
        assertEquals("lmdb keys must be at most 511 bytes: keyLength=512", failure.getMessage());
    }

    @Test
    void shouldRejectMaxMapSmallerThanMap() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("mapSizeBytes=2m,maxMapSizeBytes=1m")));
        assertEquals("store option maxMapSizeBytes must be at least mapSizeBytes: maxMapSizeBytes=1048576 mapSizeBytes=2097152",
            failure.getMessage());
    }
}

package io.merklebench.backends.leveldb;

import io.merklebench.core.conformance.store.StoreContractTest;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LevelDbStoreTest extends StoreContractTest {
    @Override
    protected String storeName() {
        return LevelDbStoreFactory.NAME;
    }

    @Test
    void shouldReportDefaultSettings() {
        final KvStore store = open();
        assertEquals("8388608", store.settings().get("cacheBytes"));
        assertEquals("snappy", store.settings().get("compression"));
        assertEquals("4194304", store.settings().get("writeBufferBytes"));
        assertEquals("4096", store.settings().get("blockBytes"));
    }

    @Test
    void shouldApplyGivenSettings() {
        final KvStore store = open(storeDirectory(), StoreOptions.parse("cacheBytes=1m,compression=none,blockBytes=16k"));
        assertEquals("1048576", store.settings().get("cacheBytes"));
        assertEquals("none", store.settings().get("compression"));
        assertEquals("16384", store.settings().get("blockBytes"));
        store.put(bytes("k"), bytes("v"), true);
        assertEquals("v", new String(store.get(bytes("k"))));
    }

    @Test
    void shouldCountLogRecordBytesOfBatch() {
        final KvStore store = open();
        final long before = store.counters().bytesWritten();
        store.commit(store.newBatch().put(bytes("key"), bytes("value")).delete(bytes("gone")), false);
        // header 12 + put (tag 1, varint 1, key 3, varint 1, value 5) + delete (tag 1, varint 1, key 4)
        assertEquals(12 + 11 + 6, store.counters().bytesWritten() - before);
    }

    @Test
    void shouldRejectWriteBufferAboveIntRange() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("writeBufferBytes=4g")));
        assertEquals("store option writeBufferBytes must be between 65536 and 1073741824: writeBufferBytes=4g",
            failure.getMessage());
    }
}

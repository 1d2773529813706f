package io.merklebench.backends.rocksdb;

import io.merklebench.core.conformance.store.StoreContractTest;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocksDbStoreTest extends StoreContractTest {
    @Override
    protected String storeName() {
        return RocksDbStoreFactory.NAME;
    }

    @Test
    void shouldReportDefaultSettings() {
        final KvStore store = open();
        assertEquals("33554432", store.settings().get("blockCacheBytes"));
        assertEquals("snappy", store.settings().get("compression"));
        assertEquals("67108864", store.settings().get("writeBufferBytes"));
        assertEquals("10", store.settings().get("bloomBitsPerKey"));
    }

    @Test
    void shouldApplyGivenSettings() {
        final KvStore store = open(storeDirectory(),
            StoreOptions.parse("blockCacheBytes=8m,compression=lz4,writeBufferBytes=1m,bloomBitsPerKey=0"));
        assertEquals("8388608", store.settings().get("blockCacheBytes"));
        assertEquals("lz4", store.settings().get("compression"));
        store.put(bytes("k"), bytes("v"), true);
        assertEquals("v", new String(store.get(bytes("k"))));
    }

    @Test
    void shouldRejectUnknownCompressionListingValidOnes() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("compression=zip")));
        assertEquals("store option compression must be one of: none, snappy, lz4, zstd, zlib: compression=zip",
            failure.getMessage());
    }

    @Test
    void shouldRejectNegativeCacheSize() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("blockCacheBytes=-1")));
        assertTrue(failure.getMessage().contains("blockCacheBytes=-1"), failure.getMessage());
    }
}

package io.merklebench.backends.rocksdb;

import io.merklebench.core.conformance.store.StoreKillTest;

class RocksDbStoreKillTest extends StoreKillTest {
    @Override
    protected String storeName() {
        return RocksDbStoreFactory.NAME;
    }
}

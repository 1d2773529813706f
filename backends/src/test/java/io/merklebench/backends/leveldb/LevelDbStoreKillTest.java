package io.merklebench.backends.leveldb;

import io.merklebench.core.conformance.store.StoreKillTest;

class LevelDbStoreKillTest extends StoreKillTest {
    @Override
    protected String storeName() {
        return LevelDbStoreFactory.NAME;
    }
}

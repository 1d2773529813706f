package io.merklebench.backends.lmdb;

import io.merklebench.core.conformance.store.StoreKillTest;
import io.merklebench.core.store.StoreOptions;

class LmdbStoreKillTest extends StoreKillTest {
    @Override
    protected String storeName() {
        return LmdbStoreFactory.NAME;
    }

    @Override
    protected StoreOptions storeOptions() {
        return StoreOptions.parse("mapSizeBytes=1m");
    }
}

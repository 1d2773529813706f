package io.merklebench.backends.mem;

import io.merklebench.core.conformance.store.StoreContractTest;

class MemStoreTest extends StoreContractTest {
    @Override
    protected String storeName() {
        return MemStoreFactory.NAME;
    }
}

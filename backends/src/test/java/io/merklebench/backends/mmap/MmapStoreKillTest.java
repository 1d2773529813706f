package io.merklebench.backends.mmap;

import io.merklebench.core.conformance.store.StoreKillTest;
import io.merklebench.core.store.StoreOptions;

class MmapStoreKillTest extends StoreKillTest {
    @Override
    protected String storeName() {
        return MmapStoreFactory.NAME;
    }

    /** A small file and segments, so kills also land during growth and in records spanning segments. */
    @Override
    protected StoreOptions storeOptions() {
        return StoreOptions.parse("initialFileBytes=64k,segmentBytes=64k");
    }
}

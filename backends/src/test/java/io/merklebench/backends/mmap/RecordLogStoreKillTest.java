package io.merklebench.backends.mmap;

import io.merklebench.core.conformance.store.StoreKillTest;
import io.merklebench.core.store.StoreOptions;

/** SIGKILL rounds for the three record-log stores, run by {@link RecordLogStoresTest}. */
abstract class RecordLogStoreKillTest extends StoreKillTest {


    /** A small file and segments, so kills also land during growth and in records spanning segments. */
    @Override
    protected StoreOptions storeOptions() {
        return StoreOptions.parse("initialFileBytes=64k,segmentBytes=64k");
    }
}

package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/**
 * {@code paged15} against the common tree contract on the {@code mmap} record-log store: one log value per page, read
 * through the page cache, as on every key-value store.
 */
class Paged15MmapTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged15";
    }

    @Override
    protected String storeName() {
        return "mmap";
    }
}

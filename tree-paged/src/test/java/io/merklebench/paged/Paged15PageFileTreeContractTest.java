package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** {@code paged15} against the common tree contract on the {@code mmap} store, so pages go to its own page file. */
class Paged15MmapTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged15";
    }

    @Override
    protected String storeName() {
        return PagedEngine.MMAP_STORE_KIND;
    }
}

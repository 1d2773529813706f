package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** {@code paged31} against the common tree contract on the {@code mmap} store, so pages go to its own page file. */
class Paged31MmapTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged31";
    }

    @Override
    protected String storeName() {
        return PagedEngine.MMAP_STORE_KIND;
    }
}

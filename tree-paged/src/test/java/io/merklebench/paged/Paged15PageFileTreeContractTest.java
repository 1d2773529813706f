package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** {@code paged15} against the common tree contract on the {@code pagefile} store: pages in its own page file. */
class Paged15PageFileTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged15";
    }

    @Override
    protected String storeName() {
        return PageFileStoreFactory.NAME;
    }
}

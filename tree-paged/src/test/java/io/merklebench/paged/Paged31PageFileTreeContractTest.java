package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** {@code paged31} against the common tree contract on the {@code pagefile} store: pages in its own page file. */
class Paged31PageFileTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged31";
    }

    @Override
    protected String storeName() {
        return PageFileStoreFactory.NAME;
    }
}

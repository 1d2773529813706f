package io.merklebench.heap;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** The heap engine against the common tree contract, on the {@code mem} store. */
class HeapTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return HeapEngine.NAME;
    }
}

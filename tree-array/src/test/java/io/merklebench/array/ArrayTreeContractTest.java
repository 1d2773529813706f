package io.merklebench.array;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** The array engine against the common tree contract, on the {@code mem} store; subclasses pick other stores. */
class ArrayTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return ArrayEngine.NAME;
    }
}

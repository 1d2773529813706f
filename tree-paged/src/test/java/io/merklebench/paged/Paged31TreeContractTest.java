package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** {@code paged31} against the common tree contract on the {@code mem} store: one store value per page. */
class Paged31TreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged31";
    }
}

package io.merklebench.paged;

import io.merklebench.core.conformance.tree.TreeContractTest;

/** {@code paged15} against the common tree contract on the {@code mem} store: one store value per page. */
class Paged15TreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return "paged15";
    }
}

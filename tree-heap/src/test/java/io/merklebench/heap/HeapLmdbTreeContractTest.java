package io.merklebench.heap;

import io.merklebench.core.conformance.tree.TreeContractTest;

/**
 * The heap engine against the common tree contract on the {@code lmdb} store. Lives here rather than in backends
 * because tree-heap already depends on backends for its tests (the reverse would be a module cycle).
 */
class HeapLmdbTreeContractTest extends TreeContractTest {
    @Override
    protected String engineName() {
        return HeapEngine.NAME;
    }

    @Override
    protected String storeName() {
        return "lmdb";
    }
}

package io.merklebench.heap;

/** The whole tree contract again with the fast index on (TreeOptions#fastIndex), on the {@code mem} store. */
class HeapFastIndexTreeContractTest extends HeapTreeContractTest {
    @Override
    protected boolean fastIndex() {
        return true;
    }
}

package io.merklebench.array;

/** The whole tree contract again with the fast index on (TreeOptions#fastIndex), on the {@code mem} store. */
class ArrayFastIndexTreeContractTest extends ArrayTreeContractTest {
    @Override
    protected boolean fastIndex() {
        return true;
    }
}

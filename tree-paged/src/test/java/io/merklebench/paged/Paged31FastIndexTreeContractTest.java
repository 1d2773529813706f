package io.merklebench.paged;

/** The whole tree contract again with the fast index on (TreeOptions#fastIndex), on the {@code mem} store. */
class Paged31FastIndexTreeContractTest extends Paged31TreeContractTest {
    @Override
    protected boolean fastIndex() {
        return true;
    }
}

package io.merklebench.paged;

/**
 * The tree contract with the fast index on, on the page file: the index rebuilt from the paged engines' own store
 * at reopen.
 */
class Paged15PageFileFastIndexTreeContractTest extends Paged15PageFileTreeContractTest {
    @Override
    protected boolean fastIndex() {
        return true;
    }
}

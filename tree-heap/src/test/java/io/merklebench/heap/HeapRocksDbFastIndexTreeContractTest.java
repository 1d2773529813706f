package io.merklebench.heap;

/**
 * The tree contract with the fast index on, on {@code rocksdb}: the index rebuilt from a persistent store at every
 * reopen.
 */
class HeapRocksDbFastIndexTreeContractTest extends HeapRocksDbTreeContractTest {
    @Override
    protected boolean fastIndex() {
        return true;
    }
}

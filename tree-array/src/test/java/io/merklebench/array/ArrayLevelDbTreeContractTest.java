package io.merklebench.array;

/** The array engine against the common tree contract on the {@code leveldb} store (real files in a temp directory). */
class ArrayLevelDbTreeContractTest extends ArrayTreeContractTest {
    @Override
    protected String storeName() {
        return "leveldb";
    }
}

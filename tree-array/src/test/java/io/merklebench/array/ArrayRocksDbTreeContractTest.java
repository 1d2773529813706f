package io.merklebench.array;

/** The array engine against the common tree contract on the {@code rocksdb} store (real files in a temp directory). */
class ArrayRocksDbTreeContractTest extends ArrayTreeContractTest {
    @Override
    protected String storeName() {
        return "rocksdb";
    }
}

package io.merklebench.array;

/** The array engine against the common tree contract on the {@code lmdb} store (real files in a temp directory). */
class ArrayLmdbTreeContractTest extends ArrayTreeContractTest {
    @Override
    protected String storeName() {
        return "lmdb";
    }
}

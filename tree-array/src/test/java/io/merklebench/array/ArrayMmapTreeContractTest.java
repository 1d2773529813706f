package io.merklebench.array;

/** The array engine against the common tree contract on the {@code mmap} store (real files in a temp directory). */
class ArrayMmapTreeContractTest extends ArrayTreeContractTest {
    @Override
    protected String storeName() {
        return "mmap";
    }
}

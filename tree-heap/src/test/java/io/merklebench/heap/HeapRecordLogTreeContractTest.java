package io.merklebench.heap;

import io.merklebench.core.conformance.tree.TreeContractTest;
import org.junit.jupiter.api.Nested;

/**
 * {@code heap} against the common tree contract on the record-log store under each of its three mappings: {@code mmap}
 * (the JDK's MappedByteBuffer), {@code agrona} and {@code chronicle}. Lives here rather than in backends because the
 * engine modules depend on backends for their tests (the reverse would be a module cycle).
 */
class HeapRecordLogTreeContractTest {
    private static final String ENGINE = "heap";

    @Nested
    class Mmap extends TreeContractTest {
        @Override
        protected String engineName() {
            return ENGINE;
        }

        @Override
        protected String storeName() {
            return "mmap";
        }
    }

    @Nested
    class Agrona extends TreeContractTest {
        @Override
        protected String engineName() {
            return ENGINE;
        }

        @Override
        protected String storeName() {
            return "agrona";
        }
    }

    @Nested
    class Chronicle extends TreeContractTest {
        @Override
        protected String engineName() {
            return ENGINE;
        }

        @Override
        protected String storeName() {
            return "chronicle";
        }
    }
}

package io.merklebench.backends.mmap;

import org.junit.jupiter.api.Nested;

/**
 * The record-log tests on each of the three stores that share the log: {@code mmap} (JDK mapping), {@code agrona} and
 * {@code chronicle}. One nested class per store and test kind, so a failure names both.
 */
class RecordLogStoresTest {
    @Nested
    class MmapContract extends RecordLogStoreTest {
        @Override
        protected String storeName() {
            return MmapStoreFactory.NAME;
        }
    }

    @Nested
    class AgronaContract extends RecordLogStoreTest {
        @Override
        protected String storeName() {
            return AgronaStoreFactory.NAME;
        }
    }

    @Nested
    class ChronicleContract extends RecordLogStoreTest {
        @Override
        protected String storeName() {
            return ChronicleStoreFactory.NAME;
        }
    }

    @Nested
    class MmapKill extends RecordLogStoreKillTest {
        @Override
        protected String storeName() {
            return MmapStoreFactory.NAME;
        }
    }

    @Nested
    class AgronaKill extends RecordLogStoreKillTest {
        @Override
        protected String storeName() {
            return AgronaStoreFactory.NAME;
        }
    }

    @Nested
    class ChronicleKill extends RecordLogStoreKillTest {
        @Override
        protected String storeName() {
            return ChronicleStoreFactory.NAME;
        }
    }

    @Nested
    class MmapRecovery extends RecordLogRecoveryTest {
        @Override
        protected String storeName() {
            return MmapStoreFactory.NAME;
        }
    }

    @Nested
    class AgronaRecovery extends RecordLogRecoveryTest {
        @Override
        protected String storeName() {
            return AgronaStoreFactory.NAME;
        }
    }

    @Nested
    class ChronicleRecovery extends RecordLogRecoveryTest {
        @Override
        protected String storeName() {
            return ChronicleStoreFactory.NAME;
        }
    }
}

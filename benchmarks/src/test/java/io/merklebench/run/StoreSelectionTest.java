package io.merklebench.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoreSelectionTest {
    private static final List<String> REGISTERED = List.of("leveldb", "lmdb", "mem", "mmap", "rocksdb");
    private static final Predicate<String> PERSISTENT = Set.of("leveldb", "lmdb", "mmap", "rocksdb")::contains;

    @Test
    void shouldPickInMemoryStoresOnlyForSmoke() {
        assertEquals(List.of("mem"), StoreSelection.defaults(Profile.DefaultStores.IN_MEMORY, REGISTERED, PERSISTENT));
    }

    @Test
    void shouldAddThePreferredPersistentStoreForQuick() {
        assertEquals(List.of("mem", "rocksdb"),
            StoreSelection.defaults(Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT, REGISTERED, PERSISTENT));
        assertEquals(List.of("mem", "leveldb"), StoreSelection.defaults(Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT,
            List.of("leveldb", "lmdb", "mem"), PERSISTENT));
        assertEquals(List.of("mem"), StoreSelection.defaults(Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT,
            List.of("mem"), PERSISTENT));
    }

    @Test
    void shouldNeverPickAStoreOfTreePagesAsQuicksOnePersistentStore() {
        assertEquals(List.of("mem"), StoreSelection.defaults(Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT,
            List.of("mem", "pagefile"), Set.of("pagefile")::contains));
        assertEquals(List.of("mem", "rocksdb"), StoreSelection.defaults(Profile.DefaultStores.IN_MEMORY_AND_ONE_PERSISTENT));
    }

    @Test
    void shouldBuildTheProfilesStoreListsFromTheRegistry() {
        assertEquals(List.of("agrona", "chronicle", "leveldb", "lmdb", "mmap", "pagefile", "rocksdb"),
            List.of(StoreSelection.persistent()));
        assertEquals(List.of("leveldb", "lmdb", "mmap", "pagefile", "rocksdb"), List.of(StoreSelection.persistentForTrees()));
        assertEquals(List.of("mmap", "agrona", "chronicle"), List.of(StoreSelection.recordLogMappings()));
        assertEquals(List.of("mem", "mmap", "pagefile"), List.of(StoreSelection.withPageStores("mem", "mmap")));
    }

    @Test
    void shouldTakeEveryRegisteredStoreForStandard() {
        assertEquals(REGISTERED, StoreSelection.defaults(Profile.DefaultStores.ALL, REGISTERED, PERSISTENT));
    }
}

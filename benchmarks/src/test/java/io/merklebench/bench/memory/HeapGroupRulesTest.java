package io.merklebench.bench.memory;

import io.merklebench.results.HeapGroup;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapGroupRulesTest {
    @Test
    void shouldGroupTheEnginesNodeAndCacheClasses() {
        assertEquals(HeapGroup.NODE_OBJECTS, HeapGroupRules.groupOf("heap", "io.merklebench.heap.HeapNode"));
        assertEquals(HeapGroup.CACHES, HeapGroupRules.groupOf("heap", "io.merklebench.heap.HeapNodeCache$NodeKey"));
        assertEquals(HeapGroup.CACHES, HeapGroupRules.groupOf("heap", "java.util.LinkedHashMap$Entry"));
        assertEquals(HeapGroup.OTHER, HeapGroupRules.groupOf("array", "java.util.LinkedHashMap$Entry"),
            "only heap's cache is a LinkedHashMap");
        assertEquals(HeapGroup.NODE_OBJECTS, HeapGroupRules.groupOf("paged31", "io.merklebench.paged.PagedNode"));
        assertEquals(HeapGroup.CACHES, HeapGroupRules.groupOf("paged15", "io.merklebench.paged.Page"));
        assertEquals(HeapGroup.NODE_OBJECTS, HeapGroupRules.groupOf("mpt", "org.apache.tuweni.trie.BranchNode"));
        assertEquals(HeapGroup.OTHER, HeapGroupRules.groupOf("mpt", "org.apache.tuweni.trie.StoredNodeFactory"));
        assertEquals(HeapGroup.NODE_OBJECTS, HeapGroupRules.groupOf("mpt", "java.lang.ref.SoftReference"),
            "a StoredNode's handle to its loaded node");
        assertEquals(HeapGroup.OTHER, HeapGroupRules.groupOf("heap", "java.lang.ref.SoftReference"));
        assertEquals(HeapGroup.BYTE_ARRAYS, HeapGroupRules.groupOf("mpt", "org.apache.tuweni.bytes.ArrayWrappingBytes32"));
    }

    @Test
    void shouldPutStoreClassesInTheStoreWhateverTheEngine() {
        assertEquals(HeapGroup.STORE, HeapGroupRules.groupOf("heap", "io.merklebench.backends.mem.MemStore"));
        assertEquals(HeapGroup.STORE, HeapGroupRules.groupOf("array", "org.rocksdb.RocksDB"));
        assertEquals(HeapGroup.STORE, HeapGroupRules.groupOf("paged31", "io.merklebench.paged.PageFileStore"));
        assertEquals(HeapGroup.STORE, HeapGroupRules.groupOf("flat", "java.nio.DirectByteBuffer"));
    }

    @Test
    void shouldSplitHeapsByteArraysByItsNodeFormat() {
        // 1000 keys of 16 bytes, values of 40: 1000 value arrays of 56 bytes, 1999 hash arrays of 48, keys the rest.
        final HeapGroupRules.TreeFacts facts = new HeapGroupRules.TreeFacts("heap", 1000, 16, 40, null);
        final Map<HeapGroup, Long> parts = HeapGroupRules.splitByteArrays(facts, 56_000 + 95_952 + 32_000);
        assertEquals(56_000, parts.get(HeapGroup.VALUE_BYTES));
        assertEquals(95_952, parts.get(HeapGroup.HASHES));
        assertEquals(32_000, parts.get(HeapGroup.KEY_BYTES));
    }

    @Test
    void shouldNeverSplitMoreThanTheHistogramHolds() {
        final HeapGroupRules.TreeFacts facts = new HeapGroupRules.TreeFacts("heap", 1000, 16, 40, null);
        final Map<HeapGroup, Long> parts = HeapGroupRules.splitByteArrays(facts, 60_000);
        assertEquals(56_000, parts.get(HeapGroup.VALUE_BYTES));
        assertEquals(4_000, parts.get(HeapGroup.HASHES));
        assertEquals(0, parts.get(HeapGroup.KEY_BYTES));
    }

    @Test
    void shouldLeaveByteArraysOfEnginesWithoutALayoutRuleTogether() {
        final HeapGroupRules.TreeFacts facts = new HeapGroupRules.TreeFacts("mpt", 1000, 16, 40, null);
        assertEquals(Map.of(HeapGroup.BYTE_ARRAYS, 1234L), HeapGroupRules.splitByteArrays(facts, 1234));
        assertEquals(48, HeapGroupRules.byteArrayBytes(32));
        assertEquals(24, HeapGroupRules.byteArrayBytes(1), "header 16, aligned to 8");
    }
}

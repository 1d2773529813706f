package io.merklebench.bench.memory;

import io.merklebench.bench.Workload;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.results.HeapGroup;
import io.merklebench.results.MemoryBreakdownCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breakdown of real trees loaded on the in-memory store in this JVM: what the groups hold, not how fast. */
class HeapBreakdownBenchTest {
    private static final int KEYS = 5000;

    @TempDir
    Path directory;

    @Test
    void shouldFindHeapsNodeObjectsTheLargestPartOfTheEnginesHeap() {
        final HeapBreakdownBench.Measurement measurement = measure("heap");
        assertEquals(KEYS, measurement.keyCount());
        final Map<HeapGroup, Long> groups = measurement.groups();
        final long nodeObjects = groups.get(HeapGroup.NODE_OBJECTS);
        for (final HeapGroup group : HeapGroup.values()) {
            if (group != HeapGroup.NODE_OBJECTS && group != HeapGroup.STORE) {
                assertTrue(groups.get(group) < nodeObjects, group + " holds " + groups.get(group)
                    + " bytes, node objects " + nodeObjects + ": " + groups);
            }
        }
        // 2 KEYS - 1 HeapNodes of about 100 bytes (headers, references, fields), whatever the JVM's exact layout.
        final double perNode = (double)nodeObjects / (2 * KEYS - 1);
        assertTrue(perNode > 60 && perNode < 160, "bytes per HeapNode: " + perNode);
        assertTrue(groups.get(HeapGroup.STORE) > 0, "the in-memory store holds every saved node: " + groups);
        assertSharesSumToOne(groups);
    }

    @Test
    void shouldFindArraysRecordAndHashPagesTheLargestPartOfTheEnginesHeap() {
        final Map<HeapGroup, Long> groups = measure("array").groups();
        final long pages = groups.get(HeapGroup.NODE_ARRAYS) + groups.get(HeapGroup.HASHES);
        assertTrue(groups.get(HeapGroup.NODE_ARRAYS) > 0 && groups.get(HeapGroup.HASHES) > 0, groups.toString());
        assertEquals(0, groups.get(HeapGroup.NODE_OBJECTS), "array has no object per node");
        assertTrue(pages > groups.get(HeapGroup.KEY_BYTES) + groups.get(HeapGroup.VALUE_BYTES)
            + groups.get(HeapGroup.OTHER), groups.toString());
        assertSharesSumToOne(groups);
    }

    private static void assertSharesSumToOne(final Map<HeapGroup, Long> groups) {
        final Map<HeapGroup, Double> bytes = new EnumMap<>(HeapGroup.class);
        groups.forEach((group, value) -> bytes.put(group, (double)value));
        final List<MemoryBreakdownCsv.Row> rows = MemoryBreakdownCsv.caseRows("any", "mem", KEYS, bytes);
        assertEquals(1.0, rows.stream().mapToDouble(MemoryBreakdownCsv.Row::share).sum(), 1e-3);
    }

    private HeapBreakdownBench.Measurement measure(final String engine) {
        final Workload workload = new Workload();
        workload.size = KEYS;
        workload.keyLen = 16;
        workload.valueLen = 40;
        workload.seed = 1234;
        final Path treeDirectory = directory.resolve(engine);
        return HeapBreakdownBench.measure(new HeapBreakdownBench.LoadedTree() {
            private MerkleTree tree;

            @Override
            public MerkleTree openLoaded() {
                tree = Registry.openTree(engine, "mem", treeDirectory, StoreOptions.DEFAULTS,
                    TreeOptions.DEFAULTS.withNodeCacheSize(4 * KEYS));
                for (int index = 0; index < KEYS; index++) {
                    tree.set(workload.key(index), workload.value(index, 0));
                }
                tree.save();
                return tree;
            }

            @Override
            public void close() {
                tree.close();
                tree = null;
            }

            @Override
            public void destroy() {
                Registry.store("mem").destroy(treeDirectory);
            }
        }, engine, workload.keyLen, workload.valueLen);
    }
}

package io.merklebench.array;

import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prints {@link ArrayTree#memoryStats()} for 100k and 1M keys (16-byte keys, 40-byte values, one saved version),
 * next to the JVM heap growth after GC. Off by default (it needs about 1 GB of heap and some seconds): run with
 * {@code -Dmb.array.memoryReport=true -Dtest=MemoryStatsReportTest}.
 */
@EnabledIfSystemProperty(named = "mb.array.memoryReport", matches = "true")
class MemoryStatsReportTest {
    private static final long SEED = 1234;

    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        TreeFixture.destroy(directory);
    }

    @ParameterizedTest(name = "keys={0}")
    @ValueSource(ints = {100_000, 1_000_000})
    void shouldReportBytesPerNode(final int keyCount) {
        final SplittableRandom random = new SplittableRandom(SEED);
        final long heapBefore = usedHeapAfterGc();
        try (ArrayTree tree = TreeFixture.open(directory, TreeOptions.DEFAULTS.withDurable(false))) {
            for (int i = 0; i < keyCount; i++) {
                final byte[] key = new byte[16];
                final byte[] value = new byte[40];
                random.nextBytes(key);
                random.nextBytes(value);
                tree.set(key, value);
            }
            tree.save();
            final ArrayMemoryStats stats = tree.memoryStats();
            final long heapGrowth = usedHeapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT,
                "array memoryStats keys=%d nodes=%d nodeUsedBytes=%d nodeCapacityBytes=%d arenaUsedBytes=%d"
                    + " arenaCapacityBytes=%d arenaLeafBytes=%d bookkeepingBytes=%d%n"
                    + "  usedBytesPerNode=%.2f overheadBytesPerNode=%.2f totalBytesPerNode=%.2f"
                    + " overheadBytesPerKey=%.2f totalBytesPerKey=%.2f%n"
                    + "  jvmHeapGrowthAfterGc=%d (includes the mem store's copy of every chunk) heapBytesPerKey=%.2f%n",
                keyCount, stats.nodeCount(), stats.nodeUsedBytes(), stats.nodeCapacityBytes(), stats.arenaUsedBytes(),
                stats.arenaCapacityBytes(), stats.arenaLeafBytes(), stats.bookkeepingBytes(),
                stats.usedBytesPerNode(), stats.overheadBytesPerNode(), stats.totalBytesPerNode(),
                stats.overheadBytesPerKey(), stats.totalBytesPerKey(), heapGrowth, (double)heapGrowth / keyCount);
            assertEquals(2L * tree.size() - 1, stats.nodeCount());
            assertTrue(stats.usedBytesPerNode() <= 64);
        }
    }

    private static long usedHeapAfterGc() {
        final Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

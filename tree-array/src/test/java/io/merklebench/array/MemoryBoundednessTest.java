package io.merklebench.array;

import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long run at a constant key count with old versions released ({@code keepRecent=2}): node records, the arena
 * and the store must stop growing. Checks counters, not timing.
 */
class MemoryBoundednessTest {
    private static final long SEED = 7;
    private static final int KEY_COUNT = 2_000;
    private static final int KEY_LENGTH_BYTES = 16;
    private static final int VALUE_LENGTH_BYTES = 40;
    private static final int VERSIONS = 300;
    private static final int WARMUP_VERSIONS = 80;
    private static final int UPDATES_PER_VERSION = 200;
    /** Per version, this many keys are removed and as many new ones inserted, so the key set churns too. */
    private static final int CHURN_PER_VERSION = 20;

    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        ArrayTestTrees.destroy(directory);
    }

    @Test
    void shouldKeepMemoryBoundedAtConstantKeyCount() {
        final SplittableRandom random = new SplittableRandom(SEED);
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(2);
        try (ArrayTree tree = ArrayTestTrees.open(directory, options)) {
            int nextKeyId = 0;
            for (; nextKeyId < KEY_COUNT; nextKeyId++) {
                tree.set(key(nextKeyId), value(random));
            }
            int oldestKeyId = 0;
            tree.save();
            ArrayMemoryStats warm = null;
            int warmHighWater = 0;
            long warmStoreEntries = 0;
            int maxHighWater = 0;
            long maxStoreEntries = 0;
            for (int version = 1; version < VERSIONS; version++) {
                for (int i = 0; i < UPDATES_PER_VERSION; i++) {
                    tree.set(key(oldestKeyId + random.nextInt(nextKeyId - oldestKeyId)), value(random));
                }
                for (int i = 0; i < CHURN_PER_VERSION; i++) {
                    tree.remove(key(oldestKeyId++));
                    tree.set(key(nextKeyId++), value(random));
                }
                tree.save();
                assertEquals(KEY_COUNT, tree.size(), "seed=" + SEED + " version=" + version);
                if (version == WARMUP_VERSIONS) {
                    warm = tree.memoryStats();
                    warmHighWater = highWater(tree);
                    warmStoreEntries = storeEntries(tree);
                } else if (version > WARMUP_VERSIONS && version % 10 == 0) {
                    maxHighWater = Math.max(maxHighWater, highWater(tree));
                    maxStoreEntries = Math.max(maxStoreEntries, storeEntries(tree));
                }
            }
            final ArrayMemoryStats end = tree.memoryStats();
            final String context = "seed=" + SEED + " warm=" + warm + " end=" + end;
            // two kept versions: at most the latest tree plus the nodes the previous version does not share
            assertTrue(end.nodeCount() <= 2 * (2L * KEY_COUNT - 1), context);
            assertTrue(maxHighWater <= warmHighWater + warmHighWater / 4,
                "node records kept growing: warmHighWater=" + warmHighWater + " maxHighWater=" + maxHighWater + " " + context);
            assertTrue(end.nodeCapacityBytes() <= warm.nodeCapacityBytes() + warm.nodeCapacityBytes() / 4
                    + ArrayLayout.PAGE_LENGTH + ArrayLayout.HASH_PAGE_LENGTH,
                "node pages stay bounded after warm-up: " + context);
            assertTrue(end.arenaUsedBytes() <= 2 * end.arenaLeafBytes() + (1 << 20), "arena garbage is reclaimed: " + context);
            assertTrue(end.arenaCapacityBytes() <= 2 * warm.arenaCapacityBytes() + (1 << 20), "arena stays bounded: " + context);
            assertTrue(maxStoreEntries <= 2 * warmStoreEntries + 64,
                "store entries kept growing: warm=" + warmStoreEntries + " max=" + maxStoreEntries);
            assertEquals(2, tree.savedVersions().length);
        }
        try (ArrayTree reopened = ArrayTestTrees.open(directory, options)) {
            assertEquals(KEY_COUNT, reopened.size());
            assertTrue(reopened.memoryStats().nodeCount() <= 2 * (2L * KEY_COUNT - 1));
        }
    }

    /**
     * Each version rewrites every hot key and one cold key, round robin, so every version keeps one live leaf for
     * {@code COLD_KEY_COUNT} versions: without store compaction each version's chunks would stay that long.
     */
    @Test
    void shouldKeepStoreBoundedWhenColdKeysPinOldVersions() {
        final int hotKeyCount = 200;
        final int coldKeyCount = 300;
        final int versions = 900;
        final SplittableRandom random = new SplittableRandom(SEED);
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(2);
        try (ArrayTree tree = ArrayTestTrees.open(directory, options)) {
            for (int i = 0; i < hotKeyCount + coldKeyCount; i++) {
                tree.set(key(i), value(random));
            }
            tree.save();
            // the store saw-tooths between compactions: compare the peak of the second third with the last third
            long middlePeakStoreBytes = 0;
            long lastPeakStoreBytes = 0;
            for (int version = 1; version < versions; version++) {
                for (int i = 0; i < hotKeyCount; i++) {
                    tree.set(key(i), value(random));
                }
                tree.set(key(hotKeyCount + version % coldKeyCount), value(random));
                tree.save();
                final ArrayVersions bookkeeping = tree.versionsForTest();
                assertTrue(bookkeeping.storedNodeCount() <= 3 * bookkeeping.liveSavedNodeCount() + 4096 + 2 * 1024,
                    "version=" + version + " stored=" + bookkeeping.storedNodeCount() + " live=" + bookkeeping.liveSavedNodeCount());
                if (version % 10 == 0 && version >= versions / 3) {
                    final long storeBytes = storeBytes(tree);
                    if (version < 2 * versions / 3) {
                        middlePeakStoreBytes = Math.max(middlePeakStoreBytes, storeBytes);
                    } else {
                        lastPeakStoreBytes = Math.max(lastPeakStoreBytes, storeBytes);
                    }
                }
            }
            assertTrue(lastPeakStoreBytes <= middlePeakStoreBytes + middlePeakStoreBytes / 4,
                "store bytes kept growing: middlePeak=" + middlePeakStoreBytes + " lastPeak=" + lastPeakStoreBytes);
        }
        try (ArrayTree reopened = ArrayTestTrees.open(directory, options)) {
            assertEquals(hotKeyCount + coldKeyCount, reopened.size());
            final long[] kept = reopened.savedVersions();
            assertEquals(2, kept.length);
            ArrayTestTrees.assertInvariants(reopened.view(kept[0]), modelOf(reopened.view(kept[0])), "reopened older version");
        }
    }

    private static java.util.TreeMap<byte[], byte[]> modelOf(final io.merklebench.core.tree.TreeReader tree) {
        final java.util.TreeMap<byte[], byte[]> model = new java.util.TreeMap<>(io.merklebench.core.Bytes.UNSIGNED_ORDER);
        tree.iterate(null, null, (key, value) -> model.put(key, value) == null);
        return model;
    }

    private static long storeBytes(final ArrayTree tree) {
        final long[] bytes = {0};
        tree.store().iterate(null, null, (key, value) -> {
            bytes[0] += key.length + value.length;
            return true;
        });
        return bytes[0];
    }

    private static int highWater(final ArrayTree tree) {
        return tree.nodesForTest().highWaterIndex();
    }

    private static long storeEntries(final ArrayTree tree) {
        final long[] count = {0};
        tree.store().iterate(null, null, (key, value) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    private static byte[] key(final int id) {
        final byte[] key = new byte[KEY_LENGTH_BYTES];
        for (int i = 0; i < 4; i++) {
            key[i] = (byte)(id >>> (24 - 8 * i));
        }
        key[KEY_LENGTH_BYTES - 1] = (byte)id;
        return key;
    }

    private static byte[] value(final SplittableRandom random) {
        final byte[] value = new byte[VALUE_LENGTH_BYTES];
        random.nextBytes(value);
        return value;
    }
}

package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paged engines and {@code heap} fed the same seeded operations: every saved root hash must be equal, also
 * across reopening and with old versions deleted.
 */
class CrossEngineRootHashTest {
    private static final long[] SEEDS = {3, 77, 20261123L};
    private static final int VERSIONS = 30;
    private static final int KEY_SPACE = 1500;
    /** Chance that a version's batch is empty (save without changes). */
    private static final double EMPTY_VERSION_CHANCE = 0.1;
    /** Chance of reopening both trees after a save. */
    private static final double REOPEN_CHANCE = 0.1;
    /** Chance of deleting the oldest kept version after a save. */
    private static final double DELETE_OLDEST_CHANCE = 0.2;

    @TempDir
    Path directory;

    static Stream<Arguments> cases() {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final long seed : SEEDS) {
            cases.add(Arguments.of(seed, "paged15", "mem"));
            cases.add(Arguments.of(seed, "paged31", "mmap"));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "seed={0} {1} on {2}")
    @MethodSource("cases")
    void shouldMatchHeapRootHashAtEverySave(final long seed, final String engine, final String storeName) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Path heapDirectory = directory.resolve("heap-" + seed);
        final Path pagedDirectory = directory.resolve(engine + "-" + seed);
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withInitialVersion(1 + seed % 5);
        MerkleTree heap = Registry.openTree("heap", "mem", heapDirectory, StoreOptions.DEFAULTS, options);
        MerkleTree paged = Registry.openTree(engine, storeName, pagedDirectory, StoreOptions.DEFAULTS, options);
        try {
            for (int v = 0; v < VERSIONS; v++) {
                final int operations = random.nextDouble() < EMPTY_VERSION_CHANCE ? 0 : 1 + random.nextInt(150);
                for (int i = 0; i < operations; i++) {
                    final byte[] key = ("k" + random.nextInt(KEY_SPACE)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (random.nextInt(3) == 0) {
                        assertEquals(heap.remove(key), paged.remove(key), "remove seed=" + seed);
                    } else {
                        final byte[] value = new byte[random.nextInt(120)];
                        random.nextBytes(value);
                        assertEquals(heap.set(key, value), paged.set(key, value), "set seed=" + seed);
                    }
                }
                final byte[] heapHash = heap.save();
                final byte[] pagedHash = paged.save();
                assertArrayEquals(heapHash, pagedHash, "seed=" + seed + " version=" + heap.lastSavedVersion()
                    + " heap=" + Bytes.toHex(heapHash) + " " + engine + "=" + Bytes.toHex(pagedHash));
                if (random.nextDouble() < DELETE_OLDEST_CHANCE && heap.savedVersions().length > 1) {
                    final long oldest = heap.savedVersions()[0];
                    heap.deleteVersion(oldest);
                    paged.deleteVersion(oldest);
                }
                if (random.nextDouble() < REOPEN_CHANCE) {
                    heap.close();
                    paged.close();
                    heap = Registry.openTree("heap", "mem", heapDirectory, StoreOptions.DEFAULTS, options);
                    paged = Registry.openTree(engine, storeName, pagedDirectory, StoreOptions.DEFAULTS, options);
                }
            }
            assertArrayEquals(heap.savedVersions(), paged.savedVersions(), "kept versions seed=" + seed);
            for (final long version : heap.savedVersions()) {
                assertArrayEquals(heap.view(version).rootHash(), paged.view(version).rootHash(),
                    "view version=" + version + " seed=" + seed);
            }
        } finally {
            heap.close();
            paged.close();
            Registry.store("mem").destroy(heapDirectory);
            Registry.store(storeName).destroy(pagedDirectory);
        }
    }
}

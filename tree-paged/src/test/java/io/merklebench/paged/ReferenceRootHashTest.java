package io.merklebench.paged;

import io.merklebench.core.conformance.tree.IavlReference;
import io.merklebench.core.conformance.tree.ReferenceComparison;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The paged engines and the kit's {@link IavlReference} fed the same seeded operations: every saved root hash must
 * be the reference's, also across reopening, with an initial version above 1 and with old versions deleted.
 */
class ReferenceRootHashTest {
    private static final long[] SEEDS = {77, 20261123L};
    private static final int VERSIONS = 30;
    private static final int KEY_SPACE = 1500;
    /** Chance that a version's batch is empty (save without changes). */
    private static final double EMPTY_VERSION_CHANCE = 0.1;
    /** Chance of reopening the tree after a save. */
    private static final double REOPEN_CHANCE = 0.1;
    /** Chance of deleting the oldest kept version after a save. */
    private static final double DELETE_OLDEST_CHANCE = 0.2;

    @TempDir
    Path directory;

    static Stream<Arguments> cases() {
        final Stream.Builder<Arguments> cases = Stream.builder();
        // Each page store once per seed: one value per page in mem and in the mmap record log, and the page file.
        for (final long seed : SEEDS) {
            cases.add(Arguments.of(seed, "paged15", "mem"));
            cases.add(Arguments.of(seed, "paged15", "mmap"));
            cases.add(Arguments.of(seed, "paged31", PageFileStoreFactory.NAME));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "seed={0} {1} on {2}")
    @MethodSource("cases")
    void shouldMatchReferenceRootHashAtEverySave(final long seed, final String engine, final String storeName) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Path pagedDirectory = directory.resolve(engine + "-" + storeName + "-" + seed);
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withInitialVersion(1 + seed % 5);
        final IavlReference reference = new IavlReference(options.initialVersion());
        final List<Long> keptVersions = new ArrayList<>();
        MerkleTree paged = Registry.openTree(engine, storeName, pagedDirectory, StoreOptions.DEFAULTS, options);
        try {
            for (int v = 0; v < VERSIONS; v++) {
                final String context = "seed=" + seed + " " + engine + " version=" + reference.version();
                final int operations = random.nextDouble() < EMPTY_VERSION_CHANCE ? 0 : 1 + random.nextInt(150);
                for (int i = 0; i < operations; i++) {
                    final byte[] key = ("k" + random.nextInt(KEY_SPACE)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    if (random.nextInt(3) == 0) {
                        assertEquals(reference.remove(key), paged.remove(key), "remove " + context);
                    } else {
                        final byte[] value = new byte[random.nextInt(120)];
                        random.nextBytes(value);
                        assertEquals(reference.set(key, value), paged.set(key, value), "set " + context);
                    }
                }
                final long version = reference.version();
                reference.save();
                final byte[] pagedHash = paged.save();
                assertEquals(version, paged.lastSavedVersion(), context);
                keptVersions.add(version);
                ReferenceComparison.checkRootHash(reference.view(version), pagedHash, paged, context);
                if (random.nextDouble() < DELETE_OLDEST_CHANCE && paged.savedVersions().length > 1) {
                    final long oldest = paged.savedVersions()[0];
                    assertEquals(keptVersions.get(0), oldest, "oldest kept version " + context);
                    paged.deleteVersion(oldest);
                    keptVersions.remove(0);
                }
                if (random.nextDouble() < REOPEN_CHANCE) {
                    paged.close();
                    paged = Registry.openTree(engine, storeName, pagedDirectory, StoreOptions.DEFAULTS, options);
                    ReferenceComparison.checkRootHash(reference.view(version), paged, "after reopen " + context);
                }
            }
            assertArrayEquals(keptVersions.stream().mapToLong(Long::longValue).toArray(), paged.savedVersions(),
                "kept versions seed=" + seed);
            for (final long version : paged.savedVersions()) {
                ReferenceComparison.checkRootHash(reference.view(version), paged.view(version),
                    "view version=" + version + " seed=" + seed);
            }
        } finally {
            paged.close();
            Registry.store(storeName).destroy(pagedDirectory);
        }
    }
}

package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.AvlInvariants;
import io.merklebench.core.conformance.tree.IavlReference;
import io.merklebench.core.conformance.tree.ReferenceComparison;
import io.merklebench.core.conformance.tree.TreeChecks;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random sets and removes mirrored in a {@link TreeMap} and the {@link IavlReference}: contents, AVL shape
 * and every saved root hash against the reference, old versions unchanged, and reopening from the pages.
 */
class RandomOperationsTest {
    /** Node checks on (off by default for the paged engines), so the random runs walk the checked paths too. */
    private static final TreeOptions CHECKED = TreeOptions.DEFAULTS.withCheckNodes(true);

    private static final long[] SEEDS = {987654321L};
    private static final int VERSIONS = 20;
    /** Operations per version. */
    private static final int OPERATIONS_PER_VERSION = 60;
    /** Keys are drawn from this many distinct values, so updates and removes of present keys are common. */
    private static final int KEY_SPACE = 600;
    /** Chance an operation is a remove rather than a set. */
    private static final double REMOVE_CHANCE = 0.3;
    /** Chance of closing and reopening the tree after a save. */
    private static final double REOPEN_CHANCE = 0.15;

    @TempDir
    Path directory;

    static Stream<Arguments> cases() {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final long seed : SEEDS) {
            for (final PageGeometry geometry : PageGeometry.values()) {
                for (final PagedTrees.Pages pages : PagedTrees.Pages.values()) {
                    cases.add(Arguments.of(seed, geometry, pages));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "seed={0} {1} {2}")
    @MethodSource("cases")
    void shouldMatchModelAcrossSavesAndReopens(final long seed, final PageGeometry geometry, final PagedTrees.Pages pages) {
        final SplittableRandom random = new SplittableRandom(seed);
        final Path treeDirectory = directory.resolve("tree-" + seed + "-" + geometry + "-" + pages);
        final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        final Map<Long, TreeMap<byte[], byte[]>> modelByVersion = new HashMap<>();
        final Map<Long, byte[]> hashByVersion = new HashMap<>();
        final IavlReference reference = new IavlReference(TreeOptions.DEFAULTS.initialVersion());
        PagedTree tree = PagedTrees.open(treeDirectory, geometry, pages, CHECKED);
        try {
            for (int v = 0; v < VERSIONS; v++) {
                for (int i = 0; i < OPERATIONS_PER_VERSION; i++) {
                    final byte[] key = key(random);
                    if (random.nextDouble() < REMOVE_CHANCE) {
                        final boolean wasPresent = model.remove(key) != null;
                        assertEquals(wasPresent, reference.remove(key), "reference remove key=" + Bytes.toHex(key));
                        if (wasPresent != tree.remove(key)) {
                            throw new AssertionError("remove result differs seed=" + seed + " key=" + Bytes.toHex(key));
                        }
                    } else {
                        final byte[] value = value(random);
                        final boolean wasPresent = model.put(key, value) != null;
                        assertEquals(wasPresent, reference.set(key, value), "reference set key=" + Bytes.toHex(key));
                        if (wasPresent != tree.set(key, value)) {
                            throw new AssertionError("set result differs seed=" + seed + " key=" + Bytes.toHex(key));
                        }
                    }
                }
                final String context = "seed=" + seed + " version=" + tree.version();
                if (v % 4 == 0) {
                    AvlInvariants.check(tree, context);
                }
                final byte[] hash = tree.save();
                final long version = tree.lastSavedVersion();
                assertEquals(reference.version(), version, context);
                reference.save();
                ReferenceComparison.checkRootHash(reference.view(version), hash, tree, context);
                modelByVersion.put(version, new TreeMap<>(model));
                hashByVersion.put(version, hash);
                TreeChecks.checkEntries(tree, model, context);
                if (random.nextDouble() < REOPEN_CHANCE) {
                    tree.close();
                    tree = PagedTrees.open(treeDirectory, geometry, pages, CHECKED);
                    assertArrayEquals(hash, tree.rootHash(), "hash after reopen " + context);
                    TreeChecks.checkEntries(tree, model, "after reopen " + context);
                }
            }
            for (final long version : tree.savedVersions()) {
                final TreeView view = tree.view(version);
                final String context = "seed=" + seed + " view version=" + version;
                assertArrayEquals(hashByVersion.get(version), view.rootHash(), context);
                ReferenceComparison.checkRootHash(reference.view(version), view, context);
                TreeChecks.checkEntries(view, modelByVersion.get(version), context);
                if (version % 8 == 0) {
                    AvlInvariants.check(view, context);
                }
            }
        } finally {
            tree.close();
            PagedTrees.destroyMem(treeDirectory);
        }
    }

    private static byte[] key(final SplittableRandom random) {
        final int index = random.nextInt(KEY_SPACE);
        final int length = 1 + index % 40;
        final byte[] key = new byte[length];
        new SplittableRandom(index).nextBytes(key);
        return key;
    }

    private static byte[] value(final SplittableRandom random) {
        final int length = random.nextInt(10) == 0 ? 0 : random.nextInt(200);
        final byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }
}

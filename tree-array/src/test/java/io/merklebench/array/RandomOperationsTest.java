package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.IavlReference;
import io.merklebench.core.conformance.tree.ReferenceComparison;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random operations mirrored in a {@link TreeMap} and the {@link IavlReference}: sets, removes, saves, deleted
 * versions, working copies, rollbacks and reopens, checking contents, IAVL invariants, every saved and working-copy root
 * hash against the reference, every kept version and, at the end, that no node leaked. Odd seeds run with {@code keepRecent=3}, even seeds keep every version unless deleted at random.
 */
class RandomOperationsTest {
    private static final int VERSIONS = 80;
    /** Few distinct keys, so updates and removes of present keys are common. */
    private static final int KEY_SPACE = 300;
    private static final double REMOVE_CHANCE = 0.3;
    /** Chance, after a save, of deleting a random older kept version. */
    private static final double DELETE_VERSION_CHANCE = 0.25;
    /** Chance, after a save, of closing the tree and reopening it from the store. */
    private static final double REOPEN_CHANCE = 0.1;
    /** Chance, before a save, of working on a copy of the last version (TMSP check) and checking isolation. */
    private static final double WORKING_COPY_CHANCE = 0.3;
    /** Chance of discarding a block of operations with rollback. */
    private static final double ROLLBACK_CHANCE = 0.05;

    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        ArrayTestTrees.destroy(directory);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 31337})
    void shouldMatchModelThroughRandomOperations(final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(seed % 2 == 1 ? 3 : 0);
        final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        final TreeMap<Long, TreeMap<byte[], byte[]>> keptModels = new TreeMap<>();
        final Map<Long, byte[]> keptHashes = new HashMap<>();
        final IavlReference reference = new IavlReference(options.initialVersion());
        ArrayTree tree = ArrayTestTrees.open(directory, options);
        try {
            for (int step = 0; step < VERSIONS; step++) {
                final String context = "seed=" + seed + " step=" + step;
                if (random.nextDouble() < WORKING_COPY_CHANCE && !keptModels.isEmpty()) {
                    exerciseWorkingCopy(tree, keptModels.lastEntry().getValue(), reference, random, context);
                }
                if (random.nextDouble() < ROLLBACK_CHANCE) {
                    applyRandomOperations(tree, new TreeMap<>(model), reference, random, 1 + random.nextInt(30));
                    tree.rollback();
                    reference.rollback();
                    ReferenceComparison.checkRootHash(reference, tree, context + " after rollback");
                }
                applyRandomOperations(tree, model, reference, random, 1 + random.nextInt(40));
                assertEquals(ArrayTestTrees.entries(model), ArrayTestTrees.entries(tree), context);
                final byte[] hash = tree.save();
                final long version = tree.lastSavedVersion();
                assertEquals(reference.version(), version, context + " saved version");
                reference.save();
                ReferenceComparison.checkRootHash(reference.view(version), hash, tree, context + " version=" + version);
                keptModels.put(version, new TreeMap<>(model));
                keptHashes.put(version, hash);
                ArrayTestTrees.assertInvariants(tree.view(version), model, context + " version=" + version);
                if (options.keepRecent() > 0) {
                    // by height: the save keeps version - keepRecent + 1 .. version, minus those deleted below
                    keptModels.headMap(version - options.keepRecent(), true).clear();
                }
                if (random.nextDouble() < DELETE_VERSION_CHANCE && keptModels.size() > 1) {
                    final List<Long> older = new ArrayList<>(keptModels.headMap(version).keySet());
                    final long victim = older.get(random.nextInt(older.size()));
                    tree.deleteVersion(victim);
                    keptModels.remove(victim);
                }
                if (random.nextDouble() < REOPEN_CHANCE) {
                    tree.close();
                    tree = ArrayTestTrees.open(directory, options);
                    assertEquals(version, tree.lastSavedVersion(), context + " reopened version");
                    assertArrayEquals(hash, tree.rootHash(), context + " reopened hash");
                    ArrayTestTrees.assertInvariants(tree, model, context + " reopened");
                }
                assertKeptVersions(tree, keptModels, keptHashes, context);
            }
            // release everything but the last version: exactly its 2n-1 nodes must remain
            for (final long version : tree.savedVersions()) {
                if (version != tree.lastSavedVersion()) {
                    tree.deleteVersion(version);
                }
            }
            final long expectedNodes = model.isEmpty() ? 0 : 2L * model.size() - 1;
            assertEquals(expectedNodes, tree.memoryStats().nodeCount(), "seed=" + seed + ": leaked nodes");
            tree.close();
            tree = ArrayTestTrees.open(directory, options);
            assertEquals(expectedNodes, tree.memoryStats().nodeCount(), "seed=" + seed + ": nodes after reopen");
            ArrayTestTrees.assertInvariants(tree, model, "seed=" + seed + " final reopen");
        } finally {
            tree.close();
        }
    }

    private static void assertKeptVersions(final ArrayTree tree, final TreeMap<Long, TreeMap<byte[], byte[]>> keptModels,
                                           final Map<Long, byte[]> keptHashes, final String context) {
        assertArrayEquals(keptModels.keySet().stream().mapToLong(Long::longValue).toArray(), tree.savedVersions(),
            context + " kept versions");
        for (final Map.Entry<Long, TreeMap<byte[], byte[]>> kept : keptModels.entrySet()) {
            final long version = kept.getKey();
            assertArrayEquals(keptHashes.get(version), tree.view(version).rootHash(), context + " hash of version=" + version);
            assertEquals(ArrayTestTrees.entries(kept.getValue()), ArrayTestTrees.entries(tree.view(version)),
                context + " entries of version=" + version);
        }
    }

    private static void exerciseWorkingCopy(final ArrayTree tree, final TreeMap<byte[], byte[]> lastSaved,
                                            final IavlReference reference, final SplittableRandom random,
                                            final String context) {
        final byte[] lastHash = tree.view(tree.lastSavedVersion()).rootHash();
        final List<String> workingBefore = ArrayTestTrees.entries(tree);
        final WorkingTree copy = tree.workingCopy();
        final TreeMap<byte[], byte[]> copyModel = new TreeMap<>(lastSaved);
        final IavlReference copyReference = reference.workingCopy();
        applyRandomOperations(copy, copyModel, copyReference, random, 1 + random.nextInt(30));
        ArrayTestTrees.assertInvariants(copy, copyModel, context + " working copy");
        ReferenceComparison.checkRootHash(copyReference, copy, context + " working copy");
        assertArrayEquals(lastHash, tree.view(tree.lastSavedVersion()).rootHash(), context + " saved version after copy");
        assertEquals(workingBefore, ArrayTestTrees.entries(tree), context + " working tree after copy");
    }

    /** Applies each operation to the tree, the model and the reference, which must all answer alike. */
    private static void applyRandomOperations(final WorkingTree tree, final TreeMap<byte[], byte[]> model,
                                              final IavlReference reference, final SplittableRandom random,
                                              final int count) {
        for (int i = 0; i < count; i++) {
            final byte[] key = randomKey(random);
            if (random.nextDouble() < REMOVE_CHANCE) {
                final boolean present = model.remove(key) != null;
                assertEquals(present, reference.remove(key), "reference remove " + Bytes.toHex(key));
                assertEquals(present, tree.remove(key), "remove " + Bytes.toHex(key));
            } else {
                final byte[] value = new byte[random.nextInt(24)];
                random.nextBytes(value);
                final boolean present = model.put(key, value) != null;
                assertEquals(present, reference.set(key, value), "reference set " + Bytes.toHex(key));
                assertEquals(present, tree.set(key, value), "set " + Bytes.toHex(key));
            }
            if (random.nextInt(8) == 0) {
                assertArrayEquals(model.get(key), tree.get(key), "get " + Bytes.toHex(key));
            }
        }
    }

    /** Keys of 1 to 3 bytes over a small range, so prefixes of other keys occur. */
    private static byte[] randomKey(final SplittableRandom random) {
        final int id = random.nextInt(KEY_SPACE);
        final int length = 1 + id % 3;
        final byte[] key = new byte[length];
        key[0] = (byte)(id / 3);
        for (int i = 1; i < length; i++) {
            key[i] = (byte)(id * 31 + i);
        }
        return key;
    }
}

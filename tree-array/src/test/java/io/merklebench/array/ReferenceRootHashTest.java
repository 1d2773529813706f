package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.IavlReference;
import io.merklebench.core.conformance.tree.KeyGenerator;
import io.merklebench.core.conformance.tree.ReferenceComparison;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seeded random sequences through the {@code array} engine and the kit's {@link IavlReference}: every saved
 * root hash, every return value, the hashes of TMSP-style working copies, the hash after reopening and the hash of
 * every kept version must be the reference's. The reference is a separate, recursive model of IAVL's rules, so
 * agreement on hundreds of versions (rotations, removes promoting old siblings, updates, initialVersion 100) checks
 * version stamping that a handful of published vectors cannot.
 */
class ReferenceRootHashTest {
    private static final int VERSIONS = 150;
    /** Operations per version are drawn from 1 to this (block sizes 1 to 64). */
    private static final int MAX_OPERATIONS_PER_VERSION = 64;
    /** Chance that an operation removes a present key; the rest are sets of new or present keys. */
    private static final double REMOVE_CHANCE = 0.3;
    /** Chance that an operation rewrites a present key (an update) instead of a random key. */
    private static final double UPDATE_CHANCE = 0.3;
    /** Chance, per version, of a check/real working-copy pair whose hashes are compared. */
    private static final double WORKING_COPY_CHANCE = 0.2;
    /** Chance, per version, of reopening the tree from its store. */
    private static final double REOPEN_CHANCE = 0.05;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {5, 17, 2026, 777_777})
    void shouldMatchReferenceRootHashAtEverySave(final long seed) {
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(seed % 2 == 0 ? 0 : 4)
            .withInitialVersion(seed % 3 == 0 ? 100 : 1);
        final Path arrayDirectory = directory.resolve("array");
        final IavlReference reference = new IavlReference(options.initialVersion());
        final List<Long> savedVersions = new ArrayList<>();
        MerkleTree array = open(arrayDirectory, options);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<byte[]> presentKeys = new ArrayList<>();
        try {
            for (int step = 0; step < VERSIONS; step++) {
                final String context = "seed=" + seed + " step=" + step + " version=" + reference.version();
                final int operations = 1 + random.nextInt(MAX_OPERATIONS_PER_VERSION);
                for (int i = 0; i < operations; i++) {
                    applyToBoth(random, presentKeys, reference, array, context);
                }
                if (random.nextDouble() < WORKING_COPY_CHANCE) {
                    final IavlReference referenceCopy = reference.workingCopy();
                    final WorkingTree arrayCopy = array.workingCopy();
                    final SplittableRandom copyRandom = random.split();
                    final List<byte[]> copyKeys = new ArrayList<>(presentKeys);
                    for (int i = 0; i < 20; i++) {
                        applyToBoth(copyRandom, copyKeys, referenceCopy, arrayCopy, context + " copy");
                    }
                    ReferenceComparison.checkRootHash(referenceCopy, arrayCopy, context + " copy hash");
                }
                final long version = reference.version();
                reference.save();
                final byte[] arrayHash = array.save();
                assertEquals(version, array.lastSavedVersion(), context);
                savedVersions.add(version);
                ReferenceComparison.checkRootHash(reference.view(version), arrayHash, array, context + " root hash");
                assertKeptVersions(array, savedVersions, options, context);
                if (random.nextDouble() < REOPEN_CHANCE) {
                    array.close();
                    array = open(arrayDirectory, options);
                    ReferenceComparison.checkRootHash(reference.view(version), array, context + " after reopen");
                }
            }
            for (final long version : array.savedVersions()) {
                ReferenceComparison.checkRootHash(reference.view(version), array.view(version),
                    "seed=" + seed + " view of version=" + version);
            }
        } finally {
            array.close();
            Registry.store("mem").destroy(arrayDirectory);
        }
    }

    /**
     * Every version is kept without {@code keepRecent}; with it, exactly those within {@code keepRecent} of the last
     * ({@code TreeOptions#keepRecent}: by height).
     */
    private static void assertKeptVersions(final MerkleTree array, final List<Long> savedVersions,
                                           final TreeOptions options, final String context) {
        final long last = savedVersions.get(savedVersions.size() - 1);
        final long[] expected = savedVersions.stream().mapToLong(Long::longValue)
            .filter(version -> options.keepRecent() == 0 || version > last - options.keepRecent()).toArray();
        assertEquals(Arrays.toString(expected), Arrays.toString(array.savedVersions()), context + " kept versions");
    }

    private static void applyToBoth(final SplittableRandom random, final List<byte[]> presentKeys,
                                    final IavlReference reference, final WorkingTree array, final String context) {
        final double choice = random.nextDouble();
        if (choice < REMOVE_CHANCE && !presentKeys.isEmpty()) {
            final int index = random.nextInt(presentKeys.size());
            final byte[] key = presentKeys.get(index);
            presentKeys.set(index, presentKeys.get(presentKeys.size() - 1));
            presentKeys.remove(presentKeys.size() - 1);
            assertEquals(reference.remove(key), array.remove(key), context + " remove " + Bytes.toHex(key));
            return;
        }
        final byte[] key = choice < REMOVE_CHANCE + UPDATE_CHANCE && !presentKeys.isEmpty()
            ? presentKeys.get(random.nextInt(presentKeys.size()))
            : KeyGenerator.randomKey(random);
        final byte[] value = KeyGenerator.randomValue(random);
        final boolean referenceUpdated = reference.set(key, value);
        assertEquals(referenceUpdated, array.set(key, value), context + " set " + Bytes.toHex(key));
        if (!referenceUpdated) {
            presentKeys.add(key);
        }
    }

    private static MerkleTree open(final Path directory, final TreeOptions options) {
        return Registry.openTree(ArrayEngine.NAME, "mem", directory, StoreOptions.DEFAULTS, options);
    }
}

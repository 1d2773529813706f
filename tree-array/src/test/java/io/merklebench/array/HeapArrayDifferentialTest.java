package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.KeyGenerator;
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
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same seeded random sequences through the {@code heap} and {@code array} engines: every saved root hash, every
 * return value, the hashes of TMSP-style working copies and the hashes after reopening must agree. The heap engine
 * is an independent implementation of the same IAVL rules, so agreement on thousands of versions (rotations,
 * removes promoting old siblings, updates) checks version stamping that a handful of vectors cannot.
 */
class HeapArrayDifferentialTest {
    private static final int VERSIONS = 150;
    /** Operations per version are drawn from 1 to this (block sizes 1 to 64). */
    private static final int MAX_OPERATIONS_PER_VERSION = 64;
    /** Chance that an operation removes a present key; the rest are sets of new or present keys. */
    private static final double REMOVE_CHANCE = 0.3;
    /** Chance that an operation rewrites a present key (an update) instead of a random key. */
    private static final double UPDATE_CHANCE = 0.3;
    /** Chance, per version, of a check/real working-copy pair whose hashes are compared. */
    private static final double WORKING_COPY_CHANCE = 0.2;
    /** Chance, per version, of reopening both trees from their stores. */
    private static final double REOPEN_CHANCE = 0.05;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {5, 17, 2026, 777_777})
    void shouldMatchHeapRootHashAtEverySave(final long seed) {
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withKeepRecent(seed % 2 == 0 ? 0 : 4)
            .withInitialVersion(seed % 3 == 0 ? 100 : 1);
        final Path heapDirectory = directory.resolve("heap");
        final Path arrayDirectory = directory.resolve("array");
        MerkleTree heap = open("heap", heapDirectory, options);
        MerkleTree array = open(ArrayEngine.NAME, arrayDirectory, options);
        final SplittableRandom random = new SplittableRandom(seed);
        final List<byte[]> presentKeys = new ArrayList<>();
        try {
            for (int step = 0; step < VERSIONS; step++) {
                final String context = "seed=" + seed + " step=" + step;
                final int operations = 1 + random.nextInt(MAX_OPERATIONS_PER_VERSION);
                for (int i = 0; i < operations; i++) {
                    applyToBoth(random, presentKeys, heap, array, context);
                }
                if (random.nextDouble() < WORKING_COPY_CHANCE) {
                    final WorkingTree heapCopy = heap.workingCopy();
                    final WorkingTree arrayCopy = array.workingCopy();
                    final SplittableRandom copyRandom = random.split();
                    final List<byte[]> copyKeys = new ArrayList<>(presentKeys);
                    for (int i = 0; i < 20; i++) {
                        applyToBoth(copyRandom, copyKeys, heapCopy, arrayCopy, context + " copy");
                    }
                    assertEquals(Bytes.toHex(heapCopy.rootHash()), Bytes.toHex(arrayCopy.rootHash()), context + " copy hash");
                }
                final byte[] heapHash = heap.save();
                final byte[] arrayHash = array.save();
                assertEquals(heap.lastSavedVersion(), array.lastSavedVersion(), context);
                assertEquals(Bytes.toHex(heapHash), Bytes.toHex(arrayHash),
                    context + " version=" + array.lastSavedVersion() + " root hash");
                assertArrayEquals(heap.savedVersions(), array.savedVersions(), context + " kept versions");
                if (random.nextDouble() < REOPEN_CHANCE) {
                    heap.close();
                    array.close();
                    heap = open("heap", heapDirectory, options);
                    array = open(ArrayEngine.NAME, arrayDirectory, options);
                    assertEquals(Bytes.toHex(heap.rootHash()), Bytes.toHex(array.rootHash()), context + " after reopen");
                }
            }
            for (final long version : array.savedVersions()) {
                assertEquals(Bytes.toHex(heap.view(version).rootHash()), Bytes.toHex(array.view(version).rootHash()),
                    "seed=" + seed + " view of version=" + version);
            }
        } finally {
            heap.close();
            array.close();
            Registry.store("mem").destroy(heapDirectory);
            Registry.store("mem").destroy(arrayDirectory);
        }
    }

    private static void applyToBoth(final SplittableRandom random, final List<byte[]> presentKeys,
                                    final WorkingTree heap, final WorkingTree array, final String context) {
        final double choice = random.nextDouble();
        if (choice < REMOVE_CHANCE && !presentKeys.isEmpty()) {
            final int index = random.nextInt(presentKeys.size());
            final byte[] key = presentKeys.get(index);
            presentKeys.set(index, presentKeys.get(presentKeys.size() - 1));
            presentKeys.remove(presentKeys.size() - 1);
            assertEquals(heap.remove(key), array.remove(key), context + " remove " + Bytes.toHex(key));
            return;
        }
        final byte[] key = choice < REMOVE_CHANCE + UPDATE_CHANCE && !presentKeys.isEmpty()
            ? presentKeys.get(random.nextInt(presentKeys.size()))
            : KeyGenerator.randomKey(random);
        final byte[] value = KeyGenerator.randomValue(random);
        final boolean heapUpdated = heap.set(key, value);
        assertEquals(heapUpdated, array.set(key, value), context + " set " + Bytes.toHex(key));
        if (!heapUpdated) {
            presentKeys.add(key);
        }
    }

    private static MerkleTree open(final String engine, final Path directory, final TreeOptions options) {
        return Registry.openTree(engine, "mem", directory, StoreOptions.DEFAULTS, options);
    }
}

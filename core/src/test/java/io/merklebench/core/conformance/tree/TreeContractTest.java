package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.Operation;
import io.merklebench.core.changeset.Replayer;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tree contract every engine must meet on every store: IAVL's published root hashes, a seeded randomized
 * comparison with a {@link ReferenceModel} (contents, order, ranges, AVL shape, recomputed hashes), persistence across
 * reopening, copy-on-write isolation, version deletion, and clear errors for bad input.
 *
 * <p>Subclass it once per engine (and per store, where a store module wants it) and name the engine and store:
 * <pre>
 *   class HeapTreeContractTest extends TreeContractTest {
 *       protected String engineName() { return "heap"; }
 *   }
 * </pre>
 * Trees are opened through the registry in a fresh {@code @TempDir}; the store is destroyed after each test. The
 * default run is a few seconds for one engine on {@code mem}; {@code -Dmerklebench.longTests=true} adds a heavier
 * randomized run. Override {@link #fastIndex()} to run every test with the fast index on (one subclass per engine
 * does, e.g. {@code HeapFastIndexTreeContractTest}); {@link FastIndexRandomRun} checks the index against the tree
 * walk in every subclass either way.
 */
public abstract class TreeContractTest {
    /** The bundled vector: memiavl's TestRootHashes changeset, 7 versions, with IAVL's expected root hashes. */
    public static final String IAVL_VECTOR_RESOURCE = "/vectors/iavl-memiavl-seq.cs";
    /** Versions the bundled vector saves. */
    public static final int IAVL_VECTOR_VERSIONS = 7;
    /** {@code hello -> world} saved as version 1 (docs/hashing.md). */
    public static final String HELLO_WORLD_V1_HASH = "6032661ab0d201132db7a8fa1da6a0afe427e6278bd122c301197680ab79ca02";
    public static final String EMPTY_TREE_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** Seeds of the randomized runs; each failure message names its seed. */
    protected static final long[] SEEDS = {1L, 42L, 20261123L, 0x5eed_cafeL};
    /** Versions saved per seed: 4 seeds x 8 = 32 versions. */
    protected static final int RANDOM_VERSIONS = 8;
    /** Operations per version (a fifth of the versions get 0-3 instead): about 4 x 6.6 x 800 = 21,000 in total. */
    protected static final int RANDOM_OPERATIONS_PER_VERSION = 800;
    /** Operations per seed of the fast-index run: about 10% are saves, so some 4 x 150 saves in all. */
    protected static final int FAST_INDEX_OPERATIONS = 1_500;
    /** Set to {@code true} to run the heavier randomized variant as well. */
    public static final String LONG_TESTS_PROPERTY = "merklebench.longTests";

    private static final byte[] HELLO = "hello".getBytes(UTF_8);
    private static final byte[] WORLD = "world".getBytes(UTF_8);

    @TempDir
    protected Path temporaryDirectory;

    protected TreeFixture fixture;

    /** The engine under test, as registered ({@code heap}, {@code array}, ...). */
    protected abstract String engineName();

    /** The store under test; {@code mem} unless a subclass says otherwise. */
    protected String storeName() {
        return "mem";
    }

    protected StoreOptions storeOptions() {
        return StoreOptions.DEFAULTS;
    }

    /** Whether every tree of this suite opens with the fast index on ({@link TreeOptions#fastIndex()}). */
    protected boolean fastIndex() {
        return false;
    }

    /** Options for tests that do not test durability; non-durable saves keep disk stores fast. */
    protected TreeOptions fastOptions() {
        return TreeOptions.DEFAULTS.withDurable(false);
    }

    @BeforeEach
    protected void createFixture() {
        // IAVL's roots and AVL shape: this kit is for iavl-v1 engines only (mpt and flat have their own tests).
        final String scheme = Registry.engine(engineName()).hashScheme();
        if (!TreeEngine.HASH_SCHEME_IAVL_V1.equals(scheme)) {
            throw new IllegalStateException("TreeContractTest applies to engines of hash scheme "
                + TreeEngine.HASH_SCHEME_IAVL_V1 + " only: engine " + engineName() + " has " + scheme);
        }
        fixture = new TreeFixture(engineName(), storeName(), storeOptions(), temporaryDirectory.resolve("store"),
            fastIndex());
    }

    @AfterEach
    protected void destroyFixture() {
        fixture.close();
    }

    // ---- IAVL vectors

    @Test
    void shouldReproduceIavlVectorRootHashes() throws IOException {
        final MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        final List<Long> versions = new ArrayList<>();
        try (ChangesetReader changeset = openVector()) {
            // The replayer throws RootHashMismatchException at the first commit whose hash differs.
            final long saved = new Replayer(tree).replay(changeset, (version, rootHash, line) -> versions.add(version));
            assertEquals(IAVL_VECTOR_VERSIONS, saved, "versions saved");
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), versions);
        assertEquals(IAVL_VECTOR_VERSIONS, tree.lastSavedVersion());
        AvlInvariants.check(tree, "after the IAVL vector");
    }

    @Test
    void shouldReproduceIavlVectorWhenReopenedAfterEveryCommit() throws IOException {
        MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        final List<byte[]> hashes = new ArrayList<>();
        try (ChangesetReader changeset = openVector()) {
            Operation operation;
            while ((operation = changeset.next()) != null) {
                switch (operation.kind()) {
                    case SET -> tree.set(operation.key(), operation.value());
                    case DELETE -> tree.remove(operation.key());
                    case COMMIT -> {
                        final byte[] rootHash = tree.save();
                        assertEquals(Bytes.toHex(operation.expectedHash()), Bytes.toHex(rootHash),
                            "root hash at line " + operation.lineNumber());
                        hashes.add(rootHash);
                        tree = fixture.reopen(TreeOptions.DEFAULTS);
                        assertEquals(Bytes.toHex(rootHash), Bytes.toHex(tree.rootHash()), "root hash after reopen");
                    }
                }
            }
        }
        assertEquals(IAVL_VECTOR_VERSIONS, hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            assertEquals(Bytes.toHex(hashes.get(i)), Bytes.toHex(tree.view(i + 1).rootHash()),
                "view of version " + (i + 1) + " after reopen");
        }
    }

    @Test
    void shouldHashSingleLeafHelloWorldLikeIavl() {
        final MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        assertFalse(tree.set(HELLO, WORLD));
        assertEquals(HELLO_WORLD_V1_HASH, Bytes.toHex(tree.rootHash()), "working hash before save");
        assertEquals(HELLO_WORLD_V1_HASH, Bytes.toHex(tree.save()));
        assertEquals(1, tree.lastSavedVersion());
        assertEquals(HELLO_WORLD_V1_HASH, Bytes.toHex(tree.view(1).rootHash()));
    }

    @Test
    void shouldHashEmptyTreeAsSha256OfNothing() {
        final MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        assertEquals(EMPTY_TREE_HASH, Bytes.toHex(tree.rootHash()));
        assertNull(tree.root());
        assertEquals(0, tree.size());
        assertEquals(EMPTY_TREE_HASH, Bytes.toHex(tree.save()));
        tree.set(HELLO, WORLD);
        tree.remove(HELLO);
        assertEquals(EMPTY_TREE_HASH, Bytes.toHex(tree.save()), "hash after removing the only key");
        assertEquals(2, tree.lastSavedVersion());
    }

    // ---- randomized comparison with the reference model

    @Test
    void shouldMatchReferenceModelUnderSeededRandomOperations() {
        long operations = 0;
        int versions = 0;
        for (final long seed : SEEDS) {
            try (TreeFixture run = newFixture("random-" + seed)) {
                operations += new RandomTreeRun(run, fastOptions(), seed).run(RANDOM_VERSIONS, RANDOM_OPERATIONS_PER_VERSION);
                versions += RANDOM_VERSIONS;
            }
        }
        assertTrue(versions >= 20, "versions=" + versions);
        assertTrue(operations >= 20_000, "operations=" + operations + " (the kit promises at least 20,000)");
    }

    /**
     * The fast index against the tree walk and a model, after every set, remove, save, rollback, reopen and read of
     * an old version ({@link FastIndexRandomRun}); whatever {@link #fastIndex()} says, one tree has it and one not.
     */
    @Test
    void shouldAnswerLatestGetsFromTheFastIndexAsTheTreeWalkDoes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Registry.engine(engineName()).keepsFastIndex(),
            "engine " + engineName() + " keeps no fast index");
        int saves = 0;
        for (final long seed : SEEDS) {
            try (TreeFixture indexedRun = new TreeFixture(engineName(), storeName(), storeOptions(),
                     temporaryDirectory.resolve("indexed-" + seed), true);
                 TreeFixture walkedRun = new TreeFixture(engineName(), storeName(), storeOptions(),
                     temporaryDirectory.resolve("walked-" + seed), false)) {
                saves += new FastIndexRandomRun(indexedRun, walkedRun, fastOptions(), seed)
                    .run(FAST_INDEX_OPERATIONS);
            }
        }
        assertTrue(saves >= 20, "saves=" + saves);
    }

    @Test
    void shouldUseTheFastIndexExactlyWhenTheSuiteAsksForIt() {
        assertEquals(fastIndex(), fixture.open(fastOptions()).usesFastIndex());
    }

    @Test
    void shouldMatchReferenceModelInLongRandomRunWhenEnabled() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean(LONG_TESTS_PROPERTY),
            "long randomized run skipped; enable with -D" + LONG_TESTS_PROPERTY + "=true");
        for (long seed = 100; seed < 108; seed++) {
            try (TreeFixture run = newFixture("long-random-" + seed)) {
                new RandomTreeRun(run, fastOptions(), seed).run(40, 5_000);
            }
        }
    }

    // ---- persistence

    @Test
    void shouldReopenAtLastSavedVersionWithSameHashAndContents() {
        MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        final ReferenceModel model = new ReferenceModel();
        final SplittableRandom random = new SplittableRandom(7);
        final List<byte[]> hashes = new ArrayList<>();
        final List<ReferenceModel> models = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            for (int i = 0; i < 300; i++) {
                final byte[] key = KeyGenerator.randomKey(random);
                final byte[] value = KeyGenerator.randomValue(random);
                tree.set(key, value);
                model.set(key, value);
            }
            hashes.add(tree.save());
            models.add(model.snapshot());
        }
        tree.set(HELLO, WORLD); // unsaved: must be gone after reopen
        tree = fixture.reopen(TreeOptions.DEFAULTS);
        assertEquals(5, tree.lastSavedVersion());
        assertEquals(6, tree.version());
        assertEquals(Bytes.toHex(hashes.get(4)), Bytes.toHex(tree.rootHash()));
        TreeChecks.checkState(tree, model, random, "reopened tree");
        for (int version = 1; version <= 5; version++) {
            final TreeView view = tree.view(version);
            assertEquals(Bytes.toHex(hashes.get(version - 1)), Bytes.toHex(view.rootHash()), "view " + version);
            TreeChecks.checkState(view, models.get(version - 1), random, "reopened view of version " + version);
        }
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, tree.savedVersions());
    }

    @Test
    void shouldKeepAnEmptySavedTreeAcrossReopen() {
        MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        tree.save();
        tree = fixture.reopen(TreeOptions.DEFAULTS);
        assertEquals(1, tree.lastSavedVersion());
        assertEquals(EMPTY_TREE_HASH, Bytes.toHex(tree.rootHash()));
        assertEquals(0, tree.view(1).size());
    }

    @Test
    void shouldStartAtInitialVersion() {
        final TreeOptions options = TreeOptions.DEFAULTS.withInitialVersion(100);
        MerkleTree tree = fixture.open(options);
        assertEquals(99, tree.lastSavedVersion());
        assertEquals(100, tree.version());
        assertArrayEquals(new long[0], tree.savedVersions());
        tree.set(HELLO, WORLD);
        final byte[] expected = new NodeHashing().leafHash(100, HELLO, WORLD);
        assertEquals(Bytes.toHex(expected), Bytes.toHex(tree.save()), "leaf stamped with the initial version");
        assertEquals(100, tree.lastSavedVersion());
        AvlInvariants.check(tree.view(100), "initial version 100");
        tree = fixture.reopen(TreeOptions.DEFAULTS);
        assertEquals(100, tree.lastSavedVersion(), "the stored versions win over initialVersion on reopen");
        assertEquals(Bytes.toHex(expected), Bytes.toHex(tree.rootHash()));
    }

    @Test
    void shouldRefuseToSavePastTheLargestVersionAndKeepTheLastOne() {
        MerkleTree tree = fixture.open(TreeOptions.DEFAULTS.withInitialVersion(Long.MAX_VALUE - 1));
        tree.set(HELLO, WORLD);
        tree.save();
        tree.set(HELLO, "moon".getBytes(UTF_8));
        final byte[] last = tree.save();
        assertEquals(Long.MAX_VALUE, tree.lastSavedVersion());
        tree.set("after".getBytes(UTF_8), WORLD);
        final IllegalStateException refused = assertThrows(IllegalStateException.class, tree::save);
        assertTrue(refused.getMessage().contains("2^63-1"), refused.getMessage());
        assertEquals(Long.MAX_VALUE, tree.lastSavedVersion(), "a refused save saves nothing");
        tree = fixture.reopen(TreeOptions.DEFAULTS);
        assertEquals(Long.MAX_VALUE, tree.lastSavedVersion());
        assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}, tree.savedVersions());
        assertArrayEquals(last, tree.rootHash());
        assertArrayEquals("moon".getBytes(UTF_8), tree.get(HELLO));
    }

    @Test
    void shouldAdvanceVersionWithSameHashWhenSavingWithoutChanges() {
        MerkleTree tree = fixture.open(TreeOptions.DEFAULTS);
        tree.set(HELLO, WORLD);
        final byte[] first = tree.save();
        final byte[] second = tree.save();
        assertArrayEquals(first, second);
        assertEquals(2, tree.lastSavedVersion());
        tree.set(HELLO, "there".getBytes(UTF_8));
        tree.rollback();
        assertArrayEquals(first, tree.save(), "a rolled-back change is no change");
        assertEquals(3, tree.lastSavedVersion());
        tree = fixture.reopen(TreeOptions.DEFAULTS);
        assertEquals(3, tree.lastSavedVersion());
        for (long version = 1; version <= 3; version++) {
            assertArrayEquals(first, tree.view(version).rootHash(), "version " + version);
            assertArrayEquals(WORLD, tree.view(version).get(HELLO), "version " + version);
        }
    }

    // ---- copy-on-write isolation

    @Test
    void shouldNeverChangeSavedViewWhenWorkingTreeChanges() {
        final MerkleTree tree = fixture.open(fastOptions());
        final ReferenceModel model = fill(tree, 11, 500);
        final byte[] hash = tree.save();
        final TreeView view = tree.view(1);
        final ReferenceModel saved = model.snapshot();
        final SplittableRandom random = new SplittableRandom(12);
        for (final byte[] key : new ArrayList<>(saved.entries().keySet())) {
            if (random.nextBoolean()) {
                tree.remove(key);
            } else {
                tree.set(key, KeyGenerator.randomValue(random));
            }
        }
        fill(tree, 13, 200);
        assertArrayEquals(hash, view.rootHash(), "view hash while the working tree changes");
        TreeChecks.checkState(view, saved, random, "view while the working tree changes");
        tree.save();
        assertArrayEquals(hash, view.rootHash(), "view hash after the next save");
        TreeChecks.checkState(view, saved, random, "view after the next save");
        TreeChecks.checkState(tree.view(1), saved, random, "view(1) reopened after the next save");
    }

    @Test
    void shouldIsolateWorkingCopyFromTreeAndViews() {
        final MerkleTree tree = fixture.open(fastOptions());
        final ReferenceModel model = fill(tree, 21, 400);
        final byte[] hash = tree.save();
        final WorkingTree copy = tree.workingCopy();
        assertEquals(2, copy.version());
        assertArrayEquals(hash, copy.rootHash());
        final ReferenceModel copyModel = model.snapshot();
        final SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < 300; i++) {
            final byte[] key = i % 3 == 0
                ? copyModel.somePresentKey(random, KeyGenerator.randomKey(random)) : KeyGenerator.randomKey(random);
            if (i % 5 == 0) {
                assertEquals(copyModel.remove(key), copy.remove(key));
            } else {
                final byte[] value = KeyGenerator.randomValue(random);
                assertEquals(copyModel.set(key, value), copy.set(key, value));
            }
        }
        TreeChecks.checkState(copy, copyModel, random, "working copy");
        assertArrayEquals(hash, tree.rootHash(), "tree hash after changing the copy");
        TreeChecks.checkState(tree, model, random, "tree after changing the copy");
        TreeChecks.checkState(tree.view(1), model, random, "view after changing the copy");

        // And the other way round: changing the working tree leaves a copy alone.
        final WorkingTree secondCopy = tree.workingCopy();
        fill(tree, 23, 100);
        assertArrayEquals(hash, secondCopy.rootHash());
        TreeChecks.checkState(secondCopy, model, random, "copy after changing the tree");
    }

    @Test
    void shouldDiscardUnsavedChangesOnRollback() {
        final MerkleTree tree = fixture.open(fastOptions());
        final ReferenceModel model = fill(tree, 31, 300);
        final byte[] hash = tree.save();
        fill(tree, 32, 300);
        tree.remove(model.entries().firstKey());
        tree.rollback();
        assertArrayEquals(hash, tree.rootHash());
        TreeChecks.checkState(tree, model, new SplittableRandom(33), "after rollback");
        assertArrayEquals(hash, tree.save(), "saving right after a rollback");
    }

    // ---- deleting versions

    @Test
    void shouldRejectDeletedUnknownAndLastVersionsClearly() {
        final MerkleTree tree = fixture.open(fastOptions());
        for (int version = 1; version <= 3; version++) {
            fill(tree, version, 50);
            tree.save();
        }
        tree.deleteVersion(2);
        assertArrayEquals(new long[] {1, 3}, tree.savedVersions());
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.view(2)), "version", "2");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.deleteVersion(2)), "2");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.view(4)), "4");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.view(1234567)), "1234567");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.deleteVersion(3)), "3");
    }

    @ParameterizedTest(name = "reopen={0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepRemainingVersionsCorrectAfterDeletingOthers(final boolean reopen) {
        MerkleTree tree = fixture.open(fastOptions());
        final SplittableRandom random = new SplittableRandom(reopen ? 41 : 42);
        final ReferenceModel model = new ReferenceModel();
        final List<ReferenceModel> models = new ArrayList<>();
        final List<byte[]> hashes = new ArrayList<>();
        for (int version = 1; version <= 12; version++) {
            for (int i = 0; i < 150; i++) {
                final byte[] key = model.isEmpty() || random.nextInt(3) > 0
                    ? KeyGenerator.randomKey(random) : model.somePresentKey(random, KeyGenerator.randomKey(random));
                if (random.nextInt(4) == 0) {
                    model.remove(key);
                    tree.remove(key);
                } else {
                    final byte[] value = KeyGenerator.randomValue(random);
                    model.set(key, value);
                    tree.set(key, value);
                }
            }
            hashes.add(tree.save());
            models.add(model.snapshot());
        }
        // Delete out of order, leaving gaps on both sides of kept versions.
        for (final long version : new long[] {5, 2, 6, 11, 1, 9}) {
            tree.deleteVersion(version);
        }
        if (reopen) {
            tree = fixture.reopen(fastOptions());
        }
        assertArrayEquals(new long[] {3, 4, 7, 8, 10, 12}, tree.savedVersions());
        for (final long version : tree.savedVersions()) {
            final TreeView view = tree.view(version);
            assertEquals(Bytes.toHex(hashes.get((int)version - 1)), Bytes.toHex(view.rootHash()), "version " + version);
            TreeChecks.checkState(view, models.get((int)version - 1), random, "kept version " + version);
        }
        // The working tree still builds on the last version.
        fill(tree, 43, 100);
        tree.save();
        AvlInvariants.check(tree, "after saving on top of deletions");
    }

    @Test
    void shouldKeepOnlyRecentVersionsWithKeepRecent() {
        final TreeOptions options = fastOptions().withKeepRecent(3);
        MerkleTree tree = fixture.open(options);
        final List<ReferenceModel> models = new ArrayList<>();
        ReferenceModel model = new ReferenceModel();
        for (int version = 1; version <= 8; version++) {
            model = fillInto(tree, model, 50 + version, 120);
            tree.save();
            models.add(model.snapshot());
        }
        assertArrayEquals(new long[] {6, 7, 8}, tree.savedVersions());
        assertThrows(IllegalArgumentException.class, () -> fixture.tree().view(5));
        tree = fixture.reopen(options);
        assertArrayEquals(new long[] {6, 7, 8}, tree.savedVersions());
        for (final long version : tree.savedVersions()) {
            TreeChecks.checkState(tree.view(version), models.get((int)version - 1), new SplittableRandom(version),
                "kept version " + version + " after reopen");
        }
    }

    // ---- keepRecent counts by height (TreeOptions#keepRecent): the save of v keeps v - keepRecent + 1 .. v

    @Test
    void shouldPruneByHeightWhenAVersionInsideTheWindowWasDeleted() {
        new KeepRecentRun(fixture, fastOptions().withKeepRecent(3))
            .saves(4).expectKept(2, 3, 4)
            .delete(3).expectKept(2, 4)
            .save().expectKept(4, 5)
            .saves(2).expectKept(5, 6, 7);
    }

    @Test
    void shouldKeepOnlyTheLastVersionWithKeepRecentOne() {
        final KeepRecentRun run = new KeepRecentRun(fixture, fastOptions().withKeepRecent(1))
            .save().expectKept(1)
            .save().expectKept(2)
            .saves(3).expectKept(5);
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> fixture.tree().deleteVersion(5)),
            "last", "5");
        run.reopen().expectKept(5).save().expectKept(6);
    }

    @Test
    void shouldPruneByHeightWhenTheVersionAtTheBoundaryWasDeleted() {
        new KeepRecentRun(fixture, fastOptions().withKeepRecent(3))
            .saves(5).expectKept(3, 4, 5)
            // the oldest kept version goes: the next save keeps the window 4..6 whole
            .delete(3).expectKept(4, 5)
            .save().expectKept(4, 5, 6)
            // version 5 is the oldest the next save keeps: gone, the window 5..7 holds two versions
            .delete(5).expectKept(4, 6)
            .save().expectKept(6, 7);
    }

    @Test
    void shouldPruneByHeightFromAnInitialVersionAboveOne() {
        new KeepRecentRun(fixture, fastOptions().withKeepRecent(3).withInitialVersion(100))
            .saves(2).expectKept(100, 101)
            .saves(2).expectKept(101, 102, 103)
            .delete(102).expectKept(101, 103)
            .save().expectKept(103, 104);
    }

    @Test
    void shouldPruneByHeightAfterReopen() {
        new KeepRecentRun(fixture, fastOptions().withKeepRecent(3))
            .saves(4).expectKept(2, 3, 4)
            .delete(3).reopen().expectKept(2, 4)
            .save().expectKept(4, 5)
            .reopen().expectKept(4, 5)
            .save().expectKept(4, 5, 6)
            .save().reopen().expectKept(5, 6, 7);
    }

    // ---- bad input

    @Test
    void shouldRejectNullAndEmptyKeysAndNullValuesWithClearMessages() {
        final MerkleTree tree = fixture.open(fastOptions());
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.set(null, WORLD)), "key");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.set(HELLO, null)), "value");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.set(new byte[0], WORLD)), "key");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.remove(null)), "key");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.remove(new byte[0])), "key");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> tree.get(null)), "key");
        final WorkingTree copy = tree.workingCopy();
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> copy.set(null, WORLD)), "key");
        assertMessageContains(assertThrows(IllegalArgumentException.class, () -> copy.set(HELLO, null)), "value");
        assertEquals(0, tree.size(), "rejected calls change nothing");
        assertTrue(tree.set(HELLO, new byte[0]) == false && tree.get(HELLO).length == 0, "empty values are allowed");
    }

    @Test
    void shouldRefuseEveryCallAfterCloseNamingTheEngine() {
        final MerkleTree tree = fixture.open(fastOptions());
        fill(tree, 61, 50);
        tree.save();
        fill(tree, 62, 50);
        tree.save();
        UseAfterClose.check(tree, engineName());
    }

    @Test
    void shouldReturnCopiesThatCallersMayModify() {
        final MerkleTree tree = fixture.open(fastOptions());
        tree.set(HELLO, WORLD.clone());
        tree.save();
        final byte[] value = tree.get(HELLO);
        assertNotNull(value);
        value[0] = 'X';
        assertArrayEquals(WORLD, tree.get(HELLO));
        tree.iterate(null, null, (key, entryValue) -> {
            key[0] = 'X';
            entryValue[0] = 'X';
            return true;
        });
        assertArrayEquals(WORLD, tree.view(1).get(HELLO));
        assertEquals(HELLO_WORLD_V1_HASH, Bytes.toHex(tree.rootHash()));
    }

    // ---- helpers for subclasses

    /** A second fixture of the same engine and store in its own subdirectory (closed and destroyed by the caller). */
    protected TreeFixture newFixture(final String name) {
        return new TreeFixture(engineName(), storeName(), storeOptions(), temporaryDirectory.resolve(name), fastIndex());
    }

    /** The bundled IAVL vector, read from the class path. */
    public static ChangesetReader openVector() {
        final InputStream input = TreeContractTest.class.getResourceAsStream(IAVL_VECTOR_RESOURCE);
        if (input == null) {
            throw new IllegalStateException("test resource missing from the class path: " + IAVL_VECTOR_RESOURCE);
        }
        return new ChangesetReader(new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)),
            "classpath:" + IAVL_VECTOR_RESOURCE);
    }

    /** Sets {@code count} random entries into {@code tree}; returns the model of the tree's new contents. */
    protected ReferenceModel fill(final WorkingTree tree, final long seed, final int count) {
        final ReferenceModel model = new ReferenceModel();
        tree.iterate(null, null, (key, value) -> {
            model.set(key, value);
            return true;
        });
        return fillInto(tree, model, seed, count);
    }

    private static ReferenceModel fillInto(final WorkingTree tree, final ReferenceModel model, final long seed,
                                           final int count) {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            final byte[] key = KeyGenerator.randomKey(random);
            final byte[] value = KeyGenerator.randomValue(random);
            model.set(key, value);
            tree.set(key, value);
        }
        return model;
    }

    protected static void assertMessageContains(final Throwable error, final String... parts) {
        for (final String part : parts) {
            assertTrue(error.getMessage() != null && error.getMessage().contains(part),
                "message should mention '" + part + "': " + error.getMessage());
        }
    }
}

package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One seeded randomized run: random inserts, updates, deletes of present and absent keys and empty values, mirrored
 * in a {@link ReferenceModel} and in the {@link IavlReference}; every saved root hash (and every working copy's) must be
 * the reference's ({@link ReferenceComparison}), after every save the tree is checked against the model
 * ({@link TreeChecks}), sometimes reopened, older versions are read back through {@code view}, and scratch copies are
 * checked for isolation. Every failure message starts with the seed, version and step. Not thread-safe.
 */
public final class RandomTreeRun {
    /** Chance that an operation inserts a (probably) new key. */
    static final double INSERT_CHANCE = 0.45;
    /** Chance that an operation sets a present key again (an update). */
    static final double UPDATE_CHANCE = 0.20;
    /** Chance that an operation removes a present key; the rest remove a random, usually absent, key. */
    static final double REMOVE_PRESENT_CHANCE = 0.25;
    /** Chance that the working tree (unsaved) is compared with the model before a save. */
    static final double CHECK_BEFORE_SAVE_CHANCE = 0.25;
    /** Chance of reopening the store after a save. */
    static final double REOPEN_CHANCE = 0.1;
    /** Chance of reading an older saved version back through {@code view} after a save. */
    static final double OLD_VIEW_CHANCE = 0.3;
    /** Chance of making a working copy after a save, changing it, and checking nothing else changed. */
    static final double WORKING_COPY_CHANCE = 0.2;
    /** Operations applied to such a working copy. */
    static final int WORKING_COPY_OPERATIONS = 40;

    private final TreeFixture fixture;
    private final TreeOptions options;
    private final long seed;
    private final SplittableRandom random;
    private final ReferenceModel model = new ReferenceModel();
    /** Sees exactly the operations and saves the tree sees; the source of truth for every root hash. */
    private final IavlReference reference;
    /** Model snapshot and root hash of each saved version, by position in {@link #savedVersions}. */
    private final List<Long> savedVersions = new ArrayList<>();
    private final List<ReferenceModel> savedModels = new ArrayList<>();
    private final List<byte[]> savedHashes = new ArrayList<>();
    private long operationCount;

    public RandomTreeRun(final TreeFixture fixture, final TreeOptions options, final long seed) {
        this.fixture = fixture;
        this.options = options;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.reference = new IavlReference(options.initialVersion());
    }

    /**
     * Runs {@code versionCount} versions of {@code operationsPerVersion} operations each on a freshly opened tree.
     *
     * @return the number of operations applied
     */
    public long run(final int versionCount, final int operationsPerVersion) {
        try {
            return runVersions(versionCount, operationsPerVersion);
        } catch (final RuntimeException e) {
            // An engine exception says nothing about how to reproduce it: name the run and where it stopped.
            throw new AssertionError(fixture.describe() + " seed=" + seed + " failed after " + operationCount
                + " operations and " + savedVersions.size() + " saves: " + e, e);
        }
    }

    private long runVersions(final int versionCount, final int operationsPerVersion) {
        MerkleTree tree = fixture.open(options);
        for (int versionIndex = 0; versionIndex < versionCount; versionIndex++) {
            final long version = tree.lastSavedVersion() + 1;
            check(reference.version() == version, version, "the tree will save version=" + version
                + " but the IAVL reference (initialVersion=" + options.initialVersion() + ") version=" + reference.version());
            // Vary the batch size so some versions are tiny (a handful of nodes) and some rebuild much of the tree.
            final int operations = random.nextInt(5) == 0 ? random.nextInt(4) : operationsPerVersion;
            for (int step = 0; step < operations; step++) {
                applyRandomOperation(tree, context(version, "operation " + step));
            }
            if (random.nextDouble() < CHECK_BEFORE_SAVE_CHANCE) {
                TreeChecks.checkState(tree, model, random, context(version, "working tree before save"));
            }
            final byte[] workingHash = tree.rootHash();
            final byte[] savedHash = tree.save();
            check(Arrays.equals(workingHash, savedHash), version, "save() returned " + Bytes.toHex(savedHash)
                + " but rootHash() before it was " + Bytes.toHex(workingHash));
            reference.save();
            ReferenceComparison.checkRootHash(reference.view(version), savedHash, tree, context(version, "save"));
            check(tree.lastSavedVersion() == version, version, "lastSavedVersion=" + tree.lastSavedVersion());
            savedVersions.add(version);
            savedModels.add(model.snapshot());
            savedHashes.add(savedHash);
            TreeChecks.checkState(tree, model, random, context(version, "after save"));

            if (random.nextDouble() < REOPEN_CHANCE) {
                tree = fixture.reopen(options);
                check(tree.lastSavedVersion() == version, version, "after reopen lastSavedVersion=" + tree.lastSavedVersion());
                check(Arrays.equals(tree.rootHash(), savedHash), version, "after reopen rootHash="
                    + Bytes.toHex(tree.rootHash()) + " expected=" + Bytes.toHex(savedHash));
                TreeChecks.checkContents(tree, model, random, context(version, "after reopen"));
            }
            if (random.nextDouble() < OLD_VIEW_CHANCE) {
                checkRandomOldVersion(tree, version);
            }
            if (random.nextDouble() < WORKING_COPY_CHANCE) {
                checkWorkingCopy(tree, version);
            }
        }
        return operationCount;
    }

    private void applyRandomOperation(final WorkingTree tree, final String context) {
        applyRandomOperation(tree, model, reference, context);
        operationCount++;
    }

    private void applyRandomOperation(final WorkingTree tree, final ReferenceModel mirror,
                                      final IavlReference referenceMirror, final String context) {
        final double choice = random.nextDouble();
        if (choice < INSERT_CHANCE + UPDATE_CHANCE) {
            final byte[] key = choice < INSERT_CHANCE || mirror.isEmpty()
                ? KeyGenerator.randomKey(random) : mirror.somePresentKey(random, KeyGenerator.randomKey(random));
            final byte[] value = KeyGenerator.randomValue(random);
            final boolean expected = mirror.set(key, value);
            checkReferenceResult(referenceMirror.set(key, value), expected, context);
            final boolean actual = tree.set(key, value);
            if (actual != expected) {
                throw new AssertionError(context + ": set(" + Bytes.toHex(key) + ") returned " + actual
                    + " (was present), expected " + expected);
            }
            return;
        }
        final byte[] key = choice < INSERT_CHANCE + UPDATE_CHANCE + REMOVE_PRESENT_CHANCE && !mirror.isEmpty()
            ? mirror.somePresentKey(random, KeyGenerator.randomKey(random)) : KeyGenerator.randomKey(random);
        final boolean expected = mirror.remove(key);
        checkReferenceResult(referenceMirror.remove(key), expected, context);
        final boolean actual = tree.remove(key);
        if (actual != expected) {
            throw new AssertionError(context + ": remove(" + Bytes.toHex(key) + ") returned " + actual
                + ", expected " + expected);
        }
    }

    private void checkRandomOldVersion(final MerkleTree tree, final long currentVersion) {
        final long[] kept = tree.savedVersions();
        final long version = kept[random.nextInt(kept.length)];
        final int position = savedVersions.indexOf(version);
        check(position >= 0, currentVersion, "savedVersions() lists version=" + version + " that was never saved");
        final TreeView view = tree.view(version);
        final String context = context(currentVersion, "view of version " + version);
        check(view.version() == version, currentVersion, "view(" + version + ").version()=" + view.version());
        if (!Arrays.equals(view.rootHash(), savedHashes.get(position))) {
            throw new AssertionError(context + ": rootHash=" + Bytes.toHex(view.rootHash())
                + " expected=" + Bytes.toHex(savedHashes.get(position)));
        }
        TreeChecks.checkContents(view, savedModels.get(position), random, context);
    }

    private void checkWorkingCopy(final MerkleTree tree, final long version) {
        final WorkingTree copy = tree.workingCopy();
        final ReferenceModel copyModel = model.snapshot();
        final IavlReference copyReference = reference.workingCopy();
        for (int i = 0; i < WORKING_COPY_OPERATIONS; i++) {
            applyRandomOperation(copy, copyModel, copyReference, context(version, "working copy operation " + i));
        }
        ReferenceComparison.checkRootHash(copyReference, copy, context(version, "working copy"));
        TreeChecks.checkState(copy, copyModel, random, context(version, "working copy"));
        final byte[] savedHash = savedHashes.get(savedHashes.size() - 1);
        check(Arrays.equals(tree.rootHash(), savedHash), version, "changing a working copy changed the tree's hash");
        check(Arrays.equals(tree.view(version).rootHash(), savedHash), version,
            "changing a working copy changed the saved view's hash");
        TreeChecks.checkContents(tree, model, random, context(version, "tree after working copy changes"));
    }

    /** The reference itself must agree with the {@link ReferenceModel}, or its hashes would mean nothing. */
    private static void checkReferenceResult(final boolean referenceResult, final boolean expected, final String context) {
        if (referenceResult != expected) {
            throw new AssertionError(context + ": the IAVL reference returned " + referenceResult + ", the TreeMap model "
                + expected + " (a bug in the reference)");
        }
    }

    private void check(final boolean condition, final long version, final String message) {
        if (!condition) {
            throw new AssertionError(context(version, "check") + ": " + message);
        }
    }

    private String context(final long version, final String step) {
        return fixture.describe() + " seed=" + seed + " version=" + version + " " + step;
    }
}

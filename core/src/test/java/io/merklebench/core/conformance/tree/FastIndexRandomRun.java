package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.AbstractMerkleTree;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One seeded randomized run that holds the fast index to the tree walk: the same random sets, removes, saves,
 * rollbacks, reopens and reads of old versions go to a tree with the index on and to one with it off (each in its own
 * store), and after every operation the index's answers ({@code get} on the indexed tree), the tree walk's
 * ({@code get} on the other) and a {@link ReferenceModel}'s must be equal: for the key just touched and a few random
 * present and absent keys, for every key the run ever used after each save, rollback and reopen, and the index must
 * hold as many keys as the tree. Both trees' root hashes must agree at every save. Every failure message starts with
 * the seed. Not thread-safe.
 */
public final class FastIndexRandomRun {
    /** Chance that an operation sets a new (random) key. */
    static final double INSERT_CHANCE = 0.35;
    /** Chance that an operation sets a present key again (an update). */
    static final double UPDATE_CHANCE = 0.20;
    /** Chance that an operation removes a present key. */
    static final double REMOVE_PRESENT_CHANCE = 0.15;
    /** Chance that an operation removes a random, usually absent, key. */
    static final double REMOVE_ABSENT_CHANCE = 0.05;
    /** Chance that an operation saves both trees. */
    static final double SAVE_CHANCE = 0.10;
    /** Chance that an operation rolls both trees back to the last save. */
    static final double ROLLBACK_CHANCE = 0.05;
    /** Chance that an operation reopens both stores (unsaved changes are lost, as a restart loses them). */
    static final double REOPEN_CHANCE = 0.01;
    // The rest (0.09) read a random saved version through view: the index must not serve those.
    /** Random present keys and absent keys looked up after every operation. */
    static final int LOOKUPS_PER_OPERATION = 3;

    private final TreeFixture indexedFixture;
    private final TreeFixture walkedFixture;
    private final TreeOptions options;
    private final long seed;
    private final SplittableRandom random;
    private ReferenceModel model = new ReferenceModel();
    private ReferenceModel savedModel = new ReferenceModel();
    /** The model of every saved version, by version. */
    private final Map<Long, ReferenceModel> savedModels = new HashMap<>();
    /** Every key the run ever set or removed, to check that removed keys stay absent in the index. */
    private final LinkedHashSet<String> keysUsedHex = new LinkedHashSet<>();
    private final List<byte[]> keysUsed = new ArrayList<>();
    private MerkleTree indexed;
    private MerkleTree walked;
    private long step;

    /**
     * @param indexedFixture opens trees with the fast index on
     * @param walkedFixture  the same engine and store in another directory, with the index off
     */
    public FastIndexRandomRun(final TreeFixture indexedFixture, final TreeFixture walkedFixture,
                              final TreeOptions options, final long seed) {
        this.indexedFixture = indexedFixture;
        this.walkedFixture = walkedFixture;
        this.options = options;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** Applies {@code operationCount} random operations, checking after each; returns the saves made. */
    public int run(final int operationCount) {
        indexed = indexedFixture.open(options.withFastIndex(true));
        walked = walkedFixture.open(options.withFastIndex(false));
        check(indexed.usesFastIndex() && !walked.usesFastIndex(), "usesFastIndex: indexed="
            + indexed.usesFastIndex() + " walked=" + walked.usesFastIndex());
        int saves = 0;
        try {
            for (step = 0; step < operationCount; step++) {
                if (applyRandomOperation()) {
                    saves++;
                }
            }
        } catch (final RuntimeException e) {
            throw new AssertionError(context() + ": " + e, e);
        }
        return saves;
    }

    /** Returns {@code true} for a save. */
    private boolean applyRandomOperation() {
        double choice = random.nextDouble();
        if ((choice -= INSERT_CHANCE) < 0) {
            set(KeyGenerator.randomKey(random));
        } else if ((choice -= UPDATE_CHANCE) < 0) {
            set(somePresentKey());
        } else if ((choice -= REMOVE_PRESENT_CHANCE) < 0) {
            remove(somePresentKey());
        } else if ((choice -= REMOVE_ABSENT_CHANCE) < 0) {
            remove(KeyGenerator.randomKey(random));
        } else if ((choice -= SAVE_CHANCE) < 0) {
            save();
            return true;
        } else if ((choice -= ROLLBACK_CHANCE) < 0) {
            indexed.rollback();
            walked.rollback();
            model = savedModel.snapshot();
            checkEveryKey("after rollback");
        } else if ((choice -= REOPEN_CHANCE) < 0) {
            indexed = indexedFixture.reopen(options.withFastIndex(true));
            walked = walkedFixture.reopen(options.withFastIndex(false));
            model = savedModel.snapshot();
            checkEveryKey("after reopen");
        } else {
            checkOldVersion();
        }
        checkSomeKeys();
        return false;
    }

    /** A present key, or a random one when the model is empty. */
    private byte[] somePresentKey() {
        final byte[] probe = KeyGenerator.randomKey(random);
        return model.isEmpty() ? probe : model.somePresentKey(random, probe);
    }

    private void set(final byte[] key) {
        final byte[] value = KeyGenerator.randomValue(random);
        use(key);
        final boolean expected = model.set(key, value);
        // Each tree keeps the arrays it is given (WorkingTree#set): give each its own.
        final boolean indexedPresent = indexed.set(key.clone(), value.clone());
        final boolean walkedPresent = walked.set(key.clone(), value.clone());
        check(indexedPresent == expected && walkedPresent == expected, "set(" + Bytes.toHex(key) + ") returned indexed="
            + indexedPresent + " walked=" + walkedPresent + " expected=" + expected);
        checkKey(key, "after set");
    }

    private void remove(final byte[] key) {
        use(key);
        final boolean expected = model.remove(key);
        final boolean indexedPresent = indexed.remove(key);
        final boolean walkedPresent = walked.remove(key);
        check(indexedPresent == expected && walkedPresent == expected, "remove(" + Bytes.toHex(key)
            + ") returned indexed=" + indexedPresent + " walked=" + walkedPresent + " expected=" + expected);
        checkKey(key, "after remove");
    }

    private void save() {
        final byte[] indexedHash = indexed.save();
        final byte[] walkedHash = walked.save();
        check(Arrays.equals(indexedHash, walkedHash), "save: indexed root=" + Bytes.toHex(indexedHash)
            + " walked root=" + Bytes.toHex(walkedHash));
        savedModel = model.snapshot();
        savedModels.put(indexed.lastSavedVersion(), savedModel);
        checkEveryKey("after save");
    }

    /** A saved version read through {@code view} walks the tree and must show that version, not the latest. */
    private void checkOldVersion() {
        final long[] kept = indexed.savedVersions();
        if (kept.length == 0) {
            return;
        }
        final long version = kept[random.nextInt(kept.length)];
        final ReferenceModel expected = savedModels.get(version);
        if (expected == null) {
            return; // saved before this run's trees were opened: none here, as the run starts empty
        }
        final TreeView view = indexed.view(version);
        final TreeView walkedView = walked.view(version);
        for (final byte[] key : sampleKeys()) {
            final byte[] actual = view.get(key);
            check(Arrays.equals(actual, expected.get(key)) && Arrays.equals(actual, walkedView.get(key)),
                "view(" + version + ").get(" + Bytes.toHex(key) + ")=" + Bytes.toHex(actual) + " walked="
                    + Bytes.toHex(walkedView.get(key)) + " expected=" + Bytes.toHex(expected.get(key)));
        }
    }

    private void checkSomeKeys() {
        for (final byte[] key : sampleKeys()) {
            checkKey(key, "lookup");
        }
        checkSizes("after operation");
    }

    private List<byte[]> sampleKeys() {
        final List<byte[]> keys = new ArrayList<>();
        for (int lookup = 0; lookup < LOOKUPS_PER_OPERATION; lookup++) {
            keys.add(KeyGenerator.randomKey(random));
            if (!model.isEmpty()) {
                keys.add(model.somePresentKey(random, KeyGenerator.randomKey(random)));
            }
            if (!keysUsed.isEmpty()) {
                keys.add(keysUsed.get(random.nextInt(keysUsed.size())));
            }
        }
        return keys;
    }

    private void checkEveryKey(final String what) {
        for (final byte[] key : keysUsed) {
            checkKey(key, what);
        }
        checkSizes(what);
    }

    private void checkKey(final byte[] key, final String what) {
        final byte[] expected = model.get(key);
        final byte[] fromIndex = indexed.get(key);
        final byte[] fromWalk = walked.get(key);
        if (!Arrays.equals(fromIndex, expected) || !Arrays.equals(fromWalk, expected)) {
            throw new AssertionError(context() + " " + what + ": get(" + Bytes.toHex(key) + ") index="
                + Bytes.toHex(fromIndex) + " walk=" + Bytes.toHex(fromWalk) + " model=" + Bytes.toHex(expected));
        }
    }

    private void checkSizes(final String what) {
        final long indexSize = indexed instanceof AbstractMerkleTree<?> tree ? tree.fastIndexSize() : model.size();
        check(indexed.size() == model.size() && walked.size() == model.size() && indexSize == model.size(),
            what + ": size indexed=" + indexed.size() + " walked=" + walked.size() + " index keys=" + indexSize
                + " model=" + model.size());
    }

    private void use(final byte[] key) {
        if (keysUsedHex.add(Bytes.toHex(key))) {
            keysUsed.add(key.clone());
        }
    }

    private void check(final boolean condition, final String message) {
        if (!condition) {
            throw new AssertionError(context() + ": " + message);
        }
    }

    private String context() {
        return indexedFixture.describe() + " seed=" + seed + " step=" + step + " lastSaved="
            + (indexed == null ? "?" : Long.toString(indexed.lastSavedVersion()));
    }
}

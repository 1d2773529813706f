package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A scripted run of saves, {@code deleteVersion} calls and reopens under {@link TreeOptions#keepRecent()}, for
 * {@link TreeContractTest}. After each step {@link #expectKept} checks exactly which versions the tree keeps:
 * {@code savedVersions()}, the root hash and contents of every kept version, and that a view of every other saved
 * version is refused. Each save changes about 40 keys (inserts, updates and removes, seeded by its version), so a
 * pruned version's freed nodes would show in the contents of the kept ones.
 *
 * <pre>
 *   new KeepRecentRun(fixture, options.withKeepRecent(3))
 *       .saves(4).expectKept(2, 3, 4)
 *       .delete(3).expectKept(2, 4)
 *       .save().expectKept(4, 5);
 * </pre>
 * Not thread-safe; the fixture's tree is closed with the fixture.
 */
final class KeepRecentRun {
    /** Operations per saved version. */
    private static final int OPERATIONS_PER_VERSION = 40;

    private final TreeFixture fixture;
    private final TreeOptions options;
    private final ReferenceModel model = new ReferenceModel();
    /** Every version ever saved in this run, with its contents and root hash at save time. */
    private final Map<Long, ReferenceModel> savedModels = new TreeMap<>();
    private final Map<Long, byte[]> savedHashes = new TreeMap<>();
    private MerkleTree tree;
    private String lastStep = "open";

    KeepRecentRun(final TreeFixture fixture, final TreeOptions options) {
        this.fixture = fixture;
        this.options = options;
        this.tree = fixture.open(options);
    }

    /** Changes some keys and saves one version. */
    KeepRecentRun save() {
        final long version = tree.version();
        final SplittableRandom random = new SplittableRandom(version);
        for (int i = 0; i < OPERATIONS_PER_VERSION; i++) {
            if (!model.isEmpty() && random.nextInt(4) == 0) {
                final byte[] key = model.somePresentKey(random, KeyGenerator.randomKey(random));
                assertEquals(model.remove(key), tree.remove(key), "remove before saving version " + version);
            } else {
                final byte[] key = model.isEmpty() || random.nextBoolean()
                    ? KeyGenerator.randomKey(random) : model.somePresentKey(random, KeyGenerator.randomKey(random));
                final byte[] value = KeyGenerator.randomValue(random);
                assertEquals(model.set(key, value), tree.set(key, value), "set before saving version " + version);
            }
        }
        savedHashes.put(version, tree.save());
        savedModels.put(version, model.snapshot());
        lastStep = "save of version " + version;
        return this;
    }

    /** {@code count} saves in a row. */
    KeepRecentRun saves(final int count) {
        for (int i = 0; i < count; i++) {
            save();
        }
        return this;
    }

    KeepRecentRun delete(final long version) {
        tree.deleteVersion(version);
        lastStep = "deleteVersion(" + version + ")";
        return this;
    }

    /** Closes the tree and opens it again from its store, with the same options. */
    KeepRecentRun reopen() {
        tree = fixture.reopen(options);
        lastStep = "reopen";
        return this;
    }

    /** The tree keeps exactly {@code versions}, each with the hash and contents it was saved with. */
    KeepRecentRun expectKept(final long... versions) {
        final String context = describe() + " after " + lastStep;
        assertEquals(Arrays.toString(versions), Arrays.toString(tree.savedVersions()), context + ": kept versions");
        for (final long version : versions) {
            final String versionContext = context + ": kept version " + version;
            assertEquals(Bytes.toHex(savedHashes.get(version)), Bytes.toHex(tree.view(version).rootHash()),
                versionContext + " root hash");
            TreeChecks.checkContents(tree.view(version), savedModels.get(version), new SplittableRandom(version),
                versionContext);
        }
        for (final long version : savedHashes.keySet()) {
            if (Arrays.stream(versions).noneMatch(kept -> kept == version)) {
                assertThrows(IllegalArgumentException.class, () -> tree.view(version),
                    context + ": view of version " + version + ", which should be gone");
            }
        }
        return this;
    }

    private String describe() {
        return fixture.describe() + " keepRecent=" + options.keepRecent()
            + " initialVersion=" + options.initialVersion();
    }
}

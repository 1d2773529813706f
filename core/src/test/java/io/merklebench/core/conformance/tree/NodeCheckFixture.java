package io.merklebench.core.conformance.tree;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The steps the engines' node check tests share: a tree of {@code keys} keys saved in a real store, one entry of the
 * store rewritten behind the engine's back (with bytes the store itself takes as valid), and every key read back.
 * An engine's own test decides which entry to rewrite and how.
 */
public final class NodeCheckFixture {
    private final String engine;
    private final String store;
    private final Path directory;
    private final int keys;

    public NodeCheckFixture(final String engine, final String store, final Path directory, final int keys) {
        this.engine = engine;
        this.store = store;
        this.directory = directory;
        this.keys = keys;
    }

    /** Sets every key to version {@code version}'s value and saves, {@code versions} times over the same keys. */
    public void saveVersions(final int versions) {
        try (MerkleTree tree = open(TreeOptions.DEFAULTS.withDurable(false))) {
            for (int version = 1; version <= versions; version++) {
                for (int i = 0; i < keys; i++) {
                    tree.set(key(i), value(i, version));
                }
                tree.save();
            }
        }
    }

    /** Puts {@code value} under {@code key} straight into the store (durably), as damage would leave it. */
    public void rewriteEntry(final byte[] key, final byte[] value) {
        try (KvStore kv = openStore()) {
            final WriteBatch batch = kv.newBatch();
            batch.put(key, value);
            kv.commit(batch, true);
        }
    }

    /** The store under the tree, opened directly. */
    public KvStore openStore() {
        return Registry.store(store).open(directory, StoreOptions.DEFAULTS);
    }

    public MerkleTree open(final TreeOptions options) {
        return Registry.openTree(engine, store, directory, StoreOptions.DEFAULTS, options);
    }

    /** Whether every key gives the value {@code lastVersion} set; throws what the tree throws. */
    public boolean readsEveryKey(final MerkleTree tree, final int lastVersion) {
        boolean allRight = true;
        for (int i = 0; i < keys; i++) {
            allRight &= Arrays.equals(value(i, lastVersion), tree.get(key(i)));
        }
        return allRight;
    }

    public static byte[] key(final int i) {
        return String.format("key-%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] value(final int i, final int version) {
        return ("value-" + i + "-v" + version).getBytes(StandardCharsets.US_ASCII);
    }
}

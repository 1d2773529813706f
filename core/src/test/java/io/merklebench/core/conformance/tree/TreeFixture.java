package io.merklebench.core.conformance.tree;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;

import java.nio.file.Path;

/**
 * One engine on one store in one directory, opened through the {@link Registry} like every command does. Reopening
 * closes the tree (and so its store) and opens a new store instance on the same directory, as a restart would.
 * {@link #close()} closes the tree and destroys the store's data. A fixture made with {@code fastIndex} opens every
 * tree with {@link TreeOptions#withFastIndex(boolean) the fast index on}, whatever options a test passes: that is how
 * the whole contract kit runs with the index on and off. Not thread-safe.
 */
public final class TreeFixture implements AutoCloseable {
    private final String engineName;
    private final String storeName;
    private final StoreOptions storeOptions;
    private final Path directory;
    private final boolean fastIndex;
    private MerkleTree tree;

    public TreeFixture(final String engineName, final String storeName, final StoreOptions storeOptions,
                       final Path directory) {
        this(engineName, storeName, storeOptions, directory, false);
    }

    /** @param fastIndex whether every tree opens with the fast index on (off: as the options passed say) */
    public TreeFixture(final String engineName, final String storeName, final StoreOptions storeOptions,
                       final Path directory, final boolean fastIndex) {
        this.engineName = engineName;
        this.storeName = storeName;
        this.storeOptions = storeOptions;
        this.directory = directory;
        this.fastIndex = fastIndex;
    }

    /** Opens the tree (closing one already open). */
    public MerkleTree open(final TreeOptions options) {
        closeTree();
        tree = Registry.openTree(engineName, storeName, directory, storeOptions,
            fastIndex ? options.withFastIndex(true) : options);
        return tree;
    }

    /** Closes the current tree and opens it again from a new store instance on the same directory. */
    public MerkleTree reopen(final TreeOptions options) {
        return open(options);
    }

    public MerkleTree tree() {
        return tree;
    }

    public Path directory() {
        return directory;
    }

    public String describe() {
        return "engine=" + engineName + " store=" + storeName + (fastIndex ? " fastIndex=true" : "");
    }

    @Override
    public void close() {
        closeTree();
        Registry.store(storeName).destroy(directory);
    }

    private void closeTree() {
        if (tree != null) {
            tree.close();
            tree = null;
        }
    }
}

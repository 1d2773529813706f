package io.merklebench.core.conformance.tree;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;

import java.nio.file.Path;

/**
 * One engine on one store in one directory, opened through the {@link Registry} like every command does. Reopening
 * closes the tree (and so its store) and opens a new store instance on the same directory, as a restart would.
 * {@link #close()} closes the tree and destroys the store's data. Not thread-safe.
 */
public final class TreeFixture implements AutoCloseable {
    private final String engineName;
    private final String storeName;
    private final StoreOptions storeOptions;
    private final Path directory;
    private MerkleTree tree;

    public TreeFixture(final String engineName, final String storeName, final StoreOptions storeOptions,
                       final Path directory) {
        this.engineName = engineName;
        this.storeName = storeName;
        this.storeOptions = storeOptions;
        this.directory = directory;
    }

    /** Opens the tree (closing one already open). */
    public MerkleTree open(final TreeOptions options) {
        closeTree();
        tree = Registry.openTree(engineName, storeName, directory, storeOptions, options);
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
        return "engine=" + engineName + " store=" + storeName;
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

package io.merklebench.core.tree;

import io.merklebench.core.store.KvStore;

/**
 * Opens one layout of the IAVL tree. Implementations are found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.merklebench.core.tree.TreeEngine}), so a new engine is one class plus one line.
 */
public interface TreeEngine {
    /** The name users type ({@code --engine heap}) and results carry. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * Opens the tree persisted in {@code store} at its last saved version (an empty tree for an empty store). The tree
     * takes ownership of the store. An engine may keep its own files under {@code store.directory()}.
     *
     * @throws IllegalStateException when the store holds data this engine cannot read, saying why
     */
    MerkleTree open(KvStore store, TreeOptions options);
}

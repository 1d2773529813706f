package io.merklebench.heap;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeView;

/**
 * One saved version, read-only (cosmos/iavl {@code immutable_tree.go}). Every node it reaches is saved and never
 * changes, so the view is unaffected by working trees and copies. Nodes are loaded lazily through the node cache.
 *
 * <p>Thread-safe for reads; valid until its version is deleted or the tree is closed. Values returned are copies.
 */
final class HeapTreeView extends HeapReadableTree implements TreeView {
    private final HeapNode root;

    /** @param root the saved root of {@code version}, or {@code null} for an empty tree */
    HeapTreeView(final HeapNodeStore store, final long version, final HeapNode root, final TreeGuard guard) {
        super(store, guard, version);
        this.root = root;
    }

    @Override
    HeapNode rootNode() {
        return root;
    }

    /** Saved nodes always carry their hash, so a view never hashes. */
    @Override
    NodeHashing hashing() {
        return null;
    }
}

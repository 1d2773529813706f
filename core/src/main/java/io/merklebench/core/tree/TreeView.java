package io.merklebench.core.tree;

/**
 * One saved version, read-only. Never changes, whatever happens to working trees or copies made from it.
 * Thread-safe for reads unless the engine says otherwise. Valid until its version is deleted or the tree closed.
 */
public interface TreeView extends TreeReader {
}

package io.merklebench.mpt;

import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.verify.SelfVerifying;
import io.merklebench.core.verify.VerifyProgress;
import io.merklebench.core.verify.VerifyResult;

/**
 * One saved version, read-only: a trie opened at the version's root. Saved nodes never change (they are keyed by
 * hash), so the view is unaffected by working trees and copies. Valid until its version is deleted or the tree
 * closed. Reads on several threads at once are not supported: Tuweni's node loading is, but the view's
 * {@link MptPendingNodes} is not (it stays empty; a view never writes).
 */
final class MptTreeView extends MptReadableState implements TreeView, SelfVerifying {
    private final MptNodeStore nodes;

    MptTreeView(final MptTrie trie, final MptNodeStore nodes, final TreeGuard guard, final long version,
                final long size) {
        super(trie, guard, version, size);
        this.nodes = nodes;
    }

    /** Walks the trie from the version's saved root, rehashing every node ({@link MptVerifier}). */
    @Override
    public VerifyResult verify(final VerifyProgress progress) {
        guard.ensureOpen();
        return MptVerifier.verify(nodes, trie.rootHash(), size, progress);
    }
}

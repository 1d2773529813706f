package io.merklebench.mpt;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.AbstractMerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.trie.MerkleTrie;

import java.util.NavigableMap;

/**
 * The mpt engine's versioned tree: the root hash and key count of every saved version (in the store and in
 * {@link #roots}), a working trie on top of the last one, and the saving, viewing and deleting of versions. A save
 * writes the new nodes its root reaches and the version's root record in one commit (one sync when durable).
 *
 * <p>The working trie goes on after a save (the same Tuweni trie, its nodes still in memory), as the IAVL engines
 * keep their working tree; a check copy or a view opens a new trie at a saved root and loads its nodes from the store
 * as it reads them (Tuweni cannot share a trie's nodes with another trie).
 *
 * <p>Owns its store. Not thread-safe.
 */
final class MptTree extends AbstractMerkleTree<MptWorkingTree> {
    private final MptNodeStore nodes;
    private final NavigableMap<Long, MptNodeStore.SavedRoot> roots;

    MptTree(final KvStore store, final TreeOptions options) {
        super(MptEngine.NAME, store, options);
        this.nodes = new MptNodeStore(store, options.checkNodes(true));
        this.roots = nodes.readSavedRoots();
        restoreSavedVersions(roots.keySet().stream().mapToLong(Long::longValue).toArray());
        final MptNodeStore.SavedRoot last = lastRoot();
        replaceWorking(new MptWorkingTree(new MptTrie(nodes, last.rootHash()), guard(),
            savedVersionList().last() + 1, last.size()));
    }

    @Override
    protected byte[] writeVersion(final long version) {
        final MptWorkingTree working = working();
        final Bytes32 rootHash = working.trie().rootHash();
        final MptNodeStore.SavedRoot root = new MptNodeStore.SavedRoot(rootHash, working.size());
        nodes.saveVersion(version, root, working.trie().nodes().takeReachable(rootHash), durableCommits());
        roots.put(version, root);
        replaceWorking(new MptWorkingTree(working.trie(), guard(), version + 1, working.size()));
        return rootHash.toArray();
    }

    /** Nodes the working trie holds unsaved, and nodes it was handed, for tests. */
    long[] heldAndPutNodeCounts() {
        final MptPendingNodes held = working().trie().nodes();
        return new long[] {held.heldCount(), held.putCount()};
    }

    /** Pruning deletes never sync (a lost one leaves a complete version the next save prunes again). */
    @Override
    protected void freeVersion(final long version, final long previousKept, final long nextKept, final boolean pruning) {
        nodes.deleteVersion(version, !pruning && durableCommits());
        roots.remove(version);
    }


    @Override
    protected TreeView openView(final long version) {
        final MptNodeStore.SavedRoot root = roots.get(version);
        return new MptTreeView(new MptTrie(nodes, root.rootHash()), nodes, guard(), version, root.size());
    }

    @Override
    protected WorkingTree newWorkingCopy() {
        final MptNodeStore.SavedRoot last = lastRoot();
        return new MptWorkingTree(new MptTrie(nodes, last.rootHash()), guard(), savedVersionList().last() + 1,
            last.size());
    }

    @Override
    protected void resetWorking() {
        final MptNodeStore.SavedRoot last = lastRoot();
        replaceWorking(new MptWorkingTree(new MptTrie(nodes, last.rootHash()), guard(),
            savedVersionList().last() + 1, last.size()));
    }

    /** The last saved root, or the empty trie before the first save. */
    private MptNodeStore.SavedRoot lastRoot() {
        return roots.isEmpty()
            ? new MptNodeStore.SavedRoot(MerkleTrie.Companion.getEMPTY_TRIE_ROOT_HASH(), 0) : roots.lastEntry().getValue();
    }
}

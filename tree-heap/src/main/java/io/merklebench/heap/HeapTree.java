package io.merklebench.heap;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.AbstractMerkleTree;
import io.merklebench.core.tree.SavedVersions;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;

/**
 * The heap engine's versioned tree (cosmos/iavl {@code MutableTree}): a {@link HeapWorkingTree} on top of the last
 * saved version, the saved versions kept in the store, and saving, viewing and deleting them. The version list,
 * keepRecent, the checks and the forwarding to the working tree are {@link AbstractMerkleTree}'s.
 *
 * <p>Opening reads only the version list and the root entry of the last version; nodes load lazily through the
 * bounded node cache ({@link TreeOptions#nodeCacheSize()}, default {@value HeapNodeCache#DEFAULT_CAPACITY}). With
 * {@link TreeOptions#fastIndex()} on, the open also iterates every leaf of the last version to load the index, which
 * decodes every node (docs/engines/fast-index.md).
 *
 * <p>Owns its store. Not thread-safe, except that views may be read from other threads while nobody calls
 * {@code save}, {@code deleteVersion} or {@code close}. Keeps the key and value arrays passed to {@code set}.
 */
final class HeapTree extends AbstractMerkleTree<HeapWorkingTree> {
    private final HeapNodeStore nodes;
    /** Hashes the working tree's dirty nodes; working copies get their own, as they may live on another thread. */
    private final NodeHashing hashing = new NodeHashing();
    /** The root of the last saved version, or {@code null} for an empty tree or before the first save. */
    private HeapNode savedRoot;

    HeapTree(final KvStore store, final TreeOptions options) {
        this(HeapNodeStore.open(store,
            options.nodeCacheSize() == 0 ? HeapNodeCache.DEFAULT_CAPACITY : options.nodeCacheSize(),
            options.checkNodes(true)), options);
    }

    private HeapTree(final HeapNodeStore nodes, final TreeOptions options) {
        super(HeapEngine.NAME, nodes.kvStore(), options);
        this.nodes = nodes;
        restoreSavedVersions(nodes.readSavedVersions().stream().mapToLong(Long::longValue).toArray());
        final SavedVersions saved = savedVersionList();
        savedRoot = saved.isEmpty() ? null : nodes.readRoot(saved.last());
        replaceWorking(newWorkingTree(saved.last() + 1));
    }

    /** Writes the new nodes, the orphans and the root entry in one commit, durable when the options say so. */
    @Override
    protected byte[] writeVersion(final long version) {
        final HeapWorkingTree working = working();
        final HeapNode root = working.rootNode();
        final byte[] rootHash = root == null
            ? NodeHashing.emptyTreeHash() : root.hash(working.hashing(), nodes).clone();
        nodes.saveVersion(version, root, working.orphans(), savedVersionList().isEmpty(), durableCommits());
        savedRoot = root;
        replaceWorking(newWorkingTree(version + 1));
        return rootHash;
    }

    /**
     * Deletes the version in a commit of its own (the next deletion reads the orphans this one moves). Pruning
     * commits never sync: if a crash loses one, the version is still complete in the store and the next save deletes
     * it again, so a save costs one sync however much it prunes.
     */
    @Override
    protected void freeVersion(final long version, final long previousKept, final long nextKept, final boolean pruning) {
        nodes.deleteVersion(version, previousKept == SavedVersions.NONE ? null : previousKept,
            !pruning && durableCommits());
    }


    @Override
    protected TreeView openView(final long version) {
        final HeapNode root = version == savedVersionList().last() ? savedRoot : nodes.readRoot(version);
        return new HeapTreeView(nodes, version, root, guard());
    }

    @Override
    protected WorkingTree newWorkingCopy() {
        return new HeapWorkingTree(nodes, savedRoot, savedVersionList().last() + 1, null, new NodeHashing(), guard());
    }

    @Override
    protected void resetWorking() {
        replaceWorking(newWorkingTree(savedVersionList().last() + 1));
    }

    /** The root of the last saved version ({@code null} when empty), for tests. */
    HeapNode savedRootNode() {
        return savedRoot;
    }

    /** The node cache, for tests and memory reports. */
    HeapNodeCache nodeCache() {
        return nodes.cache();
    }

    private HeapWorkingTree newWorkingTree(final long version) {
        return new HeapWorkingTree(nodes, savedRoot, version, new HeapOrphanList(), hashing, guard());
    }
}

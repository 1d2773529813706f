package io.merklebench.array;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.AbstractMerkleTree;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;

import java.lang.ref.ReferenceQueue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;

/**
 * The {@code array} engine's {@link MerkleTree}: the IAVL tree with no Java object per node. All versions, the
 * working tree and working copies share one {@link ArrayNodes} and one {@link ArrayHashing}; {@link ArrayVersions}
 * decides when saved nodes die; {@link ArrayNodeStore} writes each version's new nodes as contiguous chunks. The
 * version list, keepRecent, the checks and the forwarding to the working tree are {@link AbstractMerkleTree}'s.
 *
 * <p>Memory stays bounded at a constant key count when old versions are released ({@link TreeOptions#keepRecent()}
 * or {@link #deleteVersion}): freed records are reused from the free list and the arena is compacted at save once
 * its garbage outweighs its live bytes. {@link #memoryStats()} reports the bytes used. Every node of every kept
 * version is in memory (the store is written, and read back only at open), so {@link TreeOptions#nodeCacheSize()}
 * does not apply, and with {@code keepRecent=0} memory grows with the history kept.
 *
 * <p>Not thread-safe, as {@link MerkleTree} says; saved views may be read from other threads while no other call
 * is made. After a failed store commit the tree refuses further use (memory and store may disagree): reopen it.
 * Keys and values passed in are copied; arrays returned belong to the caller. With {@link TreeOptions#fastIndex()} on,
 * the index keeps the arrays passed to {@code set} (as {@link WorkingTree#set} allows): do not modify them.
 */
public final class ArrayTree extends AbstractMerkleTree<ArrayWorkingTree> {
    private static final int SAVE_ORDER_KEPT_CAPACITY = 1 << 12;
    private final ArrayNodes nodes = new ArrayNodes();
    private final ArrayHashing hashing = new ArrayHashing(nodes);
    private final ArrayVersions versions = new ArrayVersions(nodes);
    private final ArrayNodeStore nodeStore;
    /** Working copies made since the last save, weakly held: a dropped copy's nodes are freed on the next call. */
    private final Set<ArrayWorkingTree.CopyTracker> workingCopies = new HashSet<>();
    private final ReferenceQueue<ArrayWorkingTree> droppedCopies = new ReferenceQueue<>();
    /** Versions whose chunks hold no live node, to delete at the next commit. */
    private final Map<Long, Integer> chunksToDelete = new HashMap<>();
    /** Scratch list of the nodes a save writes; dropped after a large save so it does not pin memory. */
    private ArrayNodeIndexList saveOrder = new ArrayNodeIndexList(SAVE_ORDER_KEPT_CAPACITY);
    /** The batch a save or deletion fills until it commits; {@code null} in between. */
    private WriteBatch pendingBatch;

    ArrayTree(final KvStore store, final TreeOptions options) {
        super(ArrayEngine.NAME, store, options);
        this.nodeStore = new ArrayNodeStore(store, nodes);
        chunksToDelete.putAll(nodeStore.load(versions, options.checkNodes(true) ? hashing : null));
        restoreSavedVersions(versions.keptVersions());
        replaceWorking(newWorkingTree(savedVersionList().last() + 1, lastSavedRootIndex()));
    }

    /** Writes the new nodes into the save's batch; pruning adds to it and {@link #finishSave} commits it. */
    @Override
    protected byte[] writeVersion(final long version) {
        discardWorkingCopies("version " + version + " was saved");
        final ArrayWorkingTree working = working();
        final byte[] rootHash = working.rootHash();
        final int rootIndex = working.rootIndex();
        saveOrder.clear();
        working.collectNewNodes(saveOrder);
        final WriteBatch batch = pendingBatch();
        final int chunkCount = nodeStore.writeVersion(batch, version, rootIndex, saveOrder);
        versions.addSaved(version, rootIndex, saveOrder.size(), chunkCount, working.orphans());
        working.retire("version " + version + " was saved");
        replaceWorking(newWorkingTree(version + 1, rootIndex));
        return rootHash;
    }

    @Override
    protected void freeVersion(final long version, final long previousKept, final long nextKept, final boolean pruning) {
        nodeStore.deleteVersionRoot(pendingBatch(), version);
        versions.delete(version, chunksToDelete::put);
    }

    @Override
    protected void finishSave(final long version, final byte[] rootHash) {
        if (saveOrder.size() > SAVE_ORDER_KEPT_CAPACITY) {
            saveOrder = new ArrayNodeIndexList(SAVE_ORDER_KEPT_CAPACITY);
        }
        commitPending();
    }

    @Override
    protected void finishDelete() {
        commitPending();
    }

    @Override
    protected TreeView openView(final long version) {
        return new ArrayTreeView(guard(), nodes, versions.kept(version));
    }

    @Override
    protected WorkingTree newWorkingCopy() {
        freeDroppedCopies();
        final long lastSavedVersion = savedVersionList().last();
        final ArrayWorkingTree copy = new ArrayWorkingTree(nodes, hashing, lastSavedVersion + 1, lastSavedRootIndex(), false,
            "working copy of version " + lastSavedVersion, guard());
        workingCopies.add(copy.track(droppedCopies));
        return copy;
    }

    @Override
    protected void resetWorking() {
        working().discard("rolled back");
        replaceWorking(newWorkingTree(savedVersionList().last() + 1, lastSavedRootIndex()));
    }

    /** Bytes used by nodes and keys/values of every kept version and live working state. */
    public ArrayMemoryStats memoryStats() {
        guard().ensureOpen();
        return ArrayMemoryStats.of(nodes, working().size(), versions.bookkeepingBytes() + saveOrder.capacityBytes());
    }

    /** Number of versions, kept or deleted, that still own live nodes (and store chunks). For tests. */
    int versionsWithLiveNodes() {
        return versions.versionsWithLiveNodes();
    }

    /** The node storage, for tests that check counters. */
    ArrayNodes nodesForTest() {
        return nodes;
    }

    /** Version bookkeeping, for tests that check counters. */
    ArrayVersions versionsForTest() {
        return versions;
    }

    private WriteBatch pendingBatch() {
        if (pendingBatch == null) {
            pendingBatch = store().newBatch();
        }
        return pendingBatch;
    }

    /** Commits the pending batch with the store compaction and chunk deletions due; a failure ends the tree. */
    private void commitPending() {
        final WriteBatch batch = pendingBatch();
        pendingBatch = null;
        if (versions.storeNeedsCompaction()) {
            versions.compactStore((version, oldChunkCount, liveNodes) ->
                nodeStore.rewriteChunks(batch, version, oldChunkCount, liveNodes));
        }
        for (final Map.Entry<Long, Integer> chunks : chunksToDelete.entrySet()) {
            nodeStore.deleteChunks(batch, chunks.getKey(), chunks.getValue());
        }
        try {
            store().commit(batch, durableCommits());
        } catch (final RuntimeException e) {
            guard().fail(e);
            throw e;
        }
        chunksToDelete.clear();
        ArrayArenaCompaction.compactIfWasteful(nodes);
    }

    private void discardWorkingCopies(final String reason) {
        for (final ArrayWorkingTree.CopyTracker tracker : workingCopies) {
            final ArrayWorkingTree copy = tracker.get();
            if (copy != null) {
                copy.discard(reason);
            } else {
                release(tracker);
            }
        }
        workingCopies.clear();
    }

    private void release(final ArrayWorkingTree.CopyTracker dropped) {
        if (!dropped.released) {
            dropped.released = true;
            ArrayWorkingTree.freeUnsaved(nodes, dropped.version, dropped.rootIndex);
        }
    }

    /** Frees the nodes of working copies the garbage collector found unreachable. */
    private void freeDroppedCopies() {
        ArrayWorkingTree.CopyTracker dropped;
        while ((dropped = (ArrayWorkingTree.CopyTracker)droppedCopies.poll()) != null) {
            release(dropped);
            workingCopies.remove(dropped);
        }
    }

    private int lastSavedRootIndex() {
        final ArrayVersions.VersionInfo last = versions.last();
        return last == null ? NULL_NODE_INDEX : last.rootIndex;
    }

    private ArrayWorkingTree newWorkingTree(final long version, final int rootIndex) {
        return new ArrayWorkingTree(nodes, hashing, version, rootIndex, true, "working tree", guard());
    }
}

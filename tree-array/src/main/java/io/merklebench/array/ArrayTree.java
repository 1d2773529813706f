package io.merklebench.array;

import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.WriteBatch;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.NodeView;
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
 * working tree and working copies share one {@link ArrayNodes}; {@link ArrayVersions} decides when saved nodes die;
 * {@link ArrayNodeStore} writes each version's new nodes as contiguous chunks.
 *
 * <p>Memory stays bounded at a constant key count when old versions are released ({@link TreeOptions#keepRecent()}
 * or {@link #deleteVersion}): freed records are reused from the free list and the arena is compacted at save once
 * its garbage outweighs its live bytes. {@link #memoryStats()} reports the bytes used. Every node of every kept
 * version is in memory (the store is written, and read back only at open), so {@link TreeOptions#nodeCacheSize()}
 * does not apply, and with {@code keepRecent=0} memory grows with the history kept.
 *
 * <p>Not thread-safe, as {@link MerkleTree} says; saved views may be read from other threads while no other call
 * is made. After a failed store commit the tree refuses further use (memory and store may disagree): reopen it.
 * Keys and values passed in are copied; arrays returned belong to the caller.
 */
public final class ArrayTree implements MerkleTree {
    private static final int SAVE_ORDER_KEPT_CAPACITY = 1 << 12;
    private final KvStore store;
    private final TreeOptions options;
    private final ArrayNodes nodes = new ArrayNodes();
    private final ArrayVersions versions = new ArrayVersions(nodes);
    private final ArrayNodeStore nodeStore;
    /** Working copies made since the last save, weakly held: a dropped copy's nodes are freed on the next call. */
    private final Set<ArrayWorkingTree.CopyTracker> workingCopies = new HashSet<>();
    private final ReferenceQueue<ArrayWorkingTree> droppedCopies = new ReferenceQueue<>();
    /** Versions whose chunks hold no live node, to delete at the next commit. */
    private final Map<Long, Integer> chunksToDelete = new HashMap<>();
    /** Scratch list of the nodes a save writes; dropped after a large save so it does not pin memory. */
    private ArrayIntList saveOrder = new ArrayIntList(SAVE_ORDER_KEPT_CAPACITY);
    private ArrayWorkingTree working;
    private long lastSavedVersion;
    private boolean closed;
    private RuntimeException failure;

    ArrayTree(final KvStore store, final TreeOptions options) {
        this.store = store;
        this.options = options;
        this.nodeStore = new ArrayNodeStore(store, nodes);
        chunksToDelete.putAll(nodeStore.load(versions));
        final ArrayVersions.VersionInfo last = versions.last();
        lastSavedVersion = last == null ? options.initialVersion() - 1 : last.version;
        working = newWorkingTree(last == null ? NULL_NODE_INDEX : last.rootIndex);
    }

    @Override
    public String engine() {
        return ArrayEngine.NAME;
    }

    @Override
    public KvStore store() {
        return store;
    }

    @Override
    public long lastSavedVersion() {
        return lastSavedVersion;
    }

    @Override
    public long version() {
        return lastSavedVersion + 1;
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        ensureOpen();
        return working.set(key, value);
    }

    @Override
    public boolean remove(final byte[] key) {
        ensureOpen();
        return working.remove(key);
    }

    @Override
    public byte[] get(final byte[] key) {
        ensureOpen();
        return working.get(key);
    }

    @Override
    public long size() {
        ensureOpen();
        return working.size();
    }

    @Override
    public byte[] rootHash() {
        ensureOpen();
        return working.rootHash();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        ensureOpen();
        working.iterate(fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        ensureOpen();
        return working.root();
    }

    @Override
    public byte[] save() {
        ensureOpen();
        final long version = lastSavedVersion + 1;
        discardWorkingCopies("version " + version + " was saved");
        final byte[] rootHash = working.rootHash();
        final int rootIndex = working.rootIndex();
        saveOrder.clear();
        working.collectNewNodes(saveOrder);
        final WriteBatch batch = store.newBatch();
        final int chunkCount = nodeStore.writeVersion(batch, version, rootIndex, saveOrder);
        versions.addSaved(version, rootIndex, saveOrder.size(), chunkCount, working.orphans());
        working.retire("version " + version + " was saved");
        lastSavedVersion = version;
        working = newWorkingTree(rootIndex);
        if (options.keepRecent() > 0) {
            // By height (TreeOptions#keepRecent): versions deleted inside the window leave gaps, not older versions.
            while (versions.firstKeptVersion() <= version - options.keepRecent()) {
                deleteKept(versions.firstKeptVersion(), batch);
            }
        }
        if (saveOrder.size() > SAVE_ORDER_KEPT_CAPACITY) {
            saveOrder = new ArrayIntList(SAVE_ORDER_KEPT_CAPACITY);
        }
        commit(batch);
        nodes.compactArenaIfWasteful();
        return rootHash;
    }

    @Override
    public void rollback() {
        ensureOpen();
        working.discard("rolled back");
        final ArrayVersions.VersionInfo last = versions.last();
        working = newWorkingTree(last == null ? NULL_NODE_INDEX : last.rootIndex);
    }

    @Override
    public TreeView view(final long version) {
        ensureOpen();
        final ArrayVersions.VersionInfo info = versions.kept(version);
        if (info == null) {
            throw new IllegalArgumentException("unknown version: version=" + version + "; " + describeKept());
        }
        return new ArrayTreeView(this, nodes, info);
    }

    @Override
    public WorkingTree workingCopy() {
        ensureOpen();
        freeDroppedCopies();
        final ArrayVersions.VersionInfo last = versions.last();
        final ArrayWorkingTree copy = new ArrayWorkingTree(nodes, lastSavedVersion + 1,
            last == null ? NULL_NODE_INDEX : last.rootIndex, false, "working copy of version " + lastSavedVersion);
        workingCopies.add(copy.track(droppedCopies));
        return copy;
    }

    @Override
    public long[] savedVersions() {
        ensureOpen();
        return versions.keptVersions();
    }

    @Override
    public void deleteVersion(final long version) {
        ensureOpen();
        if (versions.kept(version) == null) {
            throw new IllegalArgumentException("unknown version: version=" + version + "; " + describeKept());
        }
        if (version == lastSavedVersion) {
            throw new IllegalArgumentException("cannot delete the last saved version: version=" + version);
        }
        final WriteBatch batch = store.newBatch();
        deleteKept(version, batch);
        commit(batch);
        nodes.compactArenaIfWasteful();
    }

    /** Bytes used by nodes and keys/values of every kept version and live working state. */
    public ArrayMemoryStats memoryStats() {
        ensureOpen();
        final ArrayArena arena = nodes.arena();
        final long nodeCount = nodes.allocatedCount();
        return new ArrayMemoryStats(nodeCount, working.size(), nodeCount * ArrayLayout.BYTES_PER_NODE,
            nodes.nodeCapacityBytes(), arena.usedBytes(), arena.capacityBytes(), arena.leafBytes(),
            versions.bookkeepingBytes() + nodes.pageTableBytes() + saveOrder.capacityBytes());
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

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        store.close();
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("array tree on " + store.kind() + " store at "
                + store.directory().toAbsolutePath() + " is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("array tree is unusable after a failed store commit; reopen it", failure);
        }
    }

    private void deleteKept(final long version, final WriteBatch batch) {
        nodeStore.deleteVersionRoot(batch, version);
        versions.delete(version, chunksToDelete::put);
    }

    private void commit(final WriteBatch batch) {
        if (versions.storeNeedsCompaction()) {
            versions.compactStore((version, oldChunkCount, liveNodes) ->
                nodeStore.rewriteChunks(batch, version, oldChunkCount, liveNodes));
        }
        for (final Map.Entry<Long, Integer> chunks : chunksToDelete.entrySet()) {
            nodeStore.deleteChunks(batch, chunks.getKey(), chunks.getValue());
        }
        try {
            store.commit(batch, options.durable());
        } catch (final RuntimeException e) {
            failure = e;
            throw e;
        }
        chunksToDelete.clear();
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

    private ArrayWorkingTree newWorkingTree(final int rootIndex) {
        return new ArrayWorkingTree(nodes, lastSavedVersion + 1, rootIndex, true, "working tree");
    }

    private String describeKept() {
        final long[] kept = versions.keptVersions();
        if (kept.length == 0) {
            return "no version saved yet";
        }
        return "saved versions: " + kept.length + " from " + kept[0] + " to " + kept[kept.length - 1];
    }
}

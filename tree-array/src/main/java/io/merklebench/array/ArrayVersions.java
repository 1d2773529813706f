package io.merklebench.array;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.merklebench.array.ArrayLayout.NULL_NODE_INDEX;

/**
 * The saved versions of an {@code array} tree and the liveness of their nodes, so that a node is freed exactly when
 * no kept version can reach it.
 *
 * <p>Orphan lists: a saved node that a working tree replaces stays in every version from its own version up to the
 * one before the replacing save. It is filed under the <em>last kept version that contains it</em>. When a version
 * {@code v} is deleted, each node filed under {@code v} moves to the previous kept version {@code p} if it is in
 * {@code p} too (its version is at most {@code p}), and is freed otherwise. A node never replaced is in the last
 * version and is never freed. Working copies never file orphans: they cannot be saved, and the nodes they create
 * are freed when they are discarded.
 *
 * <p>Store chunks: the nodes created for version {@code v} are stored together (see {@link ArrayNodeStore}); the
 * count of those still live is kept per version, and the chunks are deleted from the store when it drops to zero.
 *
 * <p>Not thread-safe; owned by one {@link ArrayTree}.
 */
final class ArrayVersions {
    /** One saved version: its root and the orphans filed under it; also the live count of the nodes it created. */
    static final class VersionInfo {
        final long version;
        final int rootIndex;
        boolean kept = true;
        int liveNodeCount;
        /** Records of this version in the store (live or dead); see {@link #compactStore}. */
        int storedNodeCount;
        int chunkCount;
        ArrayNodeIndexList orphans = new ArrayNodeIndexList(4);

        VersionInfo(final long version, final int rootIndex) {
            this.version = version;
            this.rootIndex = rootIndex;
        }
    }

    /** Rewrites the chunks of one version so they hold only {@code liveNodes}; returns the new chunk count. */
    @FunctionalInterface
    interface ChunkRewriter {
        int rewrite(long version, int oldChunkCount, ArrayNodeIndexList liveNodes);
    }

    /** Receives the versions whose stored chunks hold no live node any more. */
    @FunctionalInterface
    interface ChunkReleaser {
        void release(long version, int chunkCount);
    }

    /** Compaction waits for at least this many dead records, so small trees never rewrite. */
    private static final long STORE_COMPACTION_SLACK_NODES = 4096;

    private final ArrayNodes nodes;
    private final TreeMap<Long, VersionInfo> kept = new TreeMap<>();
    /** Versions (kept or deleted) whose created nodes are still partly live. */
    private final Map<Long, VersionInfo> withLiveNodes = new HashMap<>();
    /** Node records in the store, dead ones in partly live chunks included. */
    private long storedNodeCount;
    /** Saved nodes still reachable from a kept version. */
    private long liveSavedNodeCount;

    ArrayVersions(final ArrayNodes nodes) {
        this.nodes = nodes;
    }

    /** Records a new saved version; {@code replaced} are the saved nodes its working tree replaced. */
    VersionInfo addSaved(final long version, final int rootIndex, final int newNodeCount,
                         final int chunkCount, final ArrayNodeIndexList replaced) {
        if (!replaced.isEmpty()) {
            final Map.Entry<Long, VersionInfo> previous = kept.lastEntry();
            if (previous == null) {
                throw new IllegalStateException("array engine bug: " + replaced.size()
                    + " replaced nodes but no saved version before version=" + version);
            }
            previous.getValue().orphans.addAll(replaced);
        }
        final VersionInfo info = new VersionInfo(version, rootIndex);
        info.liveNodeCount = newNodeCount;
        info.storedNodeCount = newNodeCount;
        info.chunkCount = chunkCount;
        storedNodeCount += newNodeCount;
        liveSavedNodeCount += newNodeCount;
        kept.put(version, info);
        if (newNodeCount > 0) {
            withLiveNodes.put(version, info);
        }
        return info;
    }

    /** Restores a version while loading: liveness and orphans are filled in by {@link ArrayNodeStore}. */
    VersionInfo addLoaded(final long version, final int rootIndex) {
        final VersionInfo info = new VersionInfo(version, rootIndex);
        kept.put(version, info);
        return info;
    }

    /**
     * While loading: counts one live node created at {@code version}, whose chunks ({@code chunkCount} of them)
     * hold {@code storedCount} records.
     */
    void countLoadedNode(final long version, final int chunkCount, final int storedCount) {
        VersionInfo info = withLiveNodes.get(version);
        if (info == null) {
            info = kept.get(version);
            if (info == null) {
                info = new VersionInfo(version, NULL_NODE_INDEX);
                info.kept = false;
                info.orphans = null;
            }
            info.chunkCount = chunkCount;
            info.storedNodeCount = storedCount;
            storedNodeCount += storedCount;
            withLiveNodes.put(version, info);
        }
        info.liveNodeCount++;
        liveSavedNodeCount++;
    }

    VersionInfo kept(final long version) {
        return kept.get(version);
    }

    VersionInfo last() {
        final Map.Entry<Long, VersionInfo> last = kept.lastEntry();
        return last == null ? null : last.getValue();
    }

    long[] keptVersions() {
        final long[] versions = new long[kept.size()];
        int i = 0;
        for (final long version : kept.keySet()) {
            versions[i++] = version;
        }
        return versions;
    }

    /**
     * Forgets a kept version (the caller has checked it is not the last) and frees its nodes that no other kept
     * version reaches; {@code releaser} hears of every version whose stored nodes all died.
     */
    void delete(final long version, final ChunkReleaser releaser) {
        final VersionInfo info = kept.remove(version);
        if (info == null) {
            throw new IllegalArgumentException("unknown version: version=" + version);
        }
        info.kept = false;
        final Map.Entry<Long, VersionInfo> previousEntry = kept.lowerEntry(version);
        final VersionInfo previous = previousEntry == null ? null : previousEntry.getValue();
        final ArrayNodeIndexList orphans = info.orphans;
        info.orphans = null;
        for (int i = 0; i < orphans.size(); i++) {
            final int node = orphans.get(i);
            if (previous != null && nodes.version(node) <= previous.version) {
                previous.orphans.add(node);
            } else {
                free(node, releaser);
            }
        }
    }

    private void free(final int node, final ChunkReleaser releaser) {
        final long createdAt = nodes.version(node);
        final VersionInfo creator = withLiveNodes.get(createdAt);
        if (creator == null) {
            throw new IllegalStateException("array engine bug: no live-node count for version=" + createdAt
                + " freeing nodeIndex=" + node);
        }
        nodes.free(node);
        liveSavedNodeCount--;
        if (--creator.liveNodeCount == 0) {
            withLiveNodes.remove(createdAt);
            storedNodeCount -= creator.storedNodeCount;
            releaser.release(createdAt, creator.chunkCount);
        }
    }

    /**
     * Whether dead records in partly live chunks have piled up: more than two dead records per live one. A version
     * keeps its chunks while any of its nodes lives, so without this a long run at constant key count would grow
     * the store (one cold key per version pins the whole version).
     */
    boolean storeNeedsCompaction() {
        return storedNodeCount > 3 * liveSavedNodeCount + STORE_COMPACTION_SLACK_NODES;
    }

    /**
     * Rewrites every version whose chunks are less than half live so they hold only live records. One pass over
     * the node records finds the live nodes of all those versions; the pass runs only once dead records outnumber
     * live ones twice over, so its cost is amortised over at least as many frees. Afterwards the store holds at
     * most about two records per live node.
     */
    void compactStore(final ChunkRewriter rewriter) {
        final Map<Long, ArrayNodeIndexList> sparse = new HashMap<>();
        for (final VersionInfo info : withLiveNodes.values()) {
            if (2L * info.liveNodeCount < info.storedNodeCount) {
                sparse.put(info.version, new ArrayNodeIndexList(info.liveNodeCount));
            }
        }
        if (sparse.isEmpty()) {
            return;
        }
        final int highWater = nodes.highWaterIndex();
        for (int node = 0; node < highWater; node++) {
            if (!nodes.isFree(node)) {
                final ArrayNodeIndexList live = sparse.get(nodes.version(node));
                if (live != null) {
                    live.add(node);
                }
            }
        }
        for (final Map.Entry<Long, ArrayNodeIndexList> entry : sparse.entrySet()) {
            final VersionInfo info = withLiveNodes.get(entry.getKey());
            final ArrayNodeIndexList live = entry.getValue();
            if (live.size() != info.liveNodeCount) {
                throw new IllegalStateException("array engine bug: version=" + info.version + " counts "
                    + info.liveNodeCount + " live nodes but " + live.size() + " records carry it");
            }
            info.chunkCount = rewriter.rewrite(info.version, info.chunkCount, live);
            storedNodeCount -= info.storedNodeCount - live.size();
            info.storedNodeCount = live.size();
        }
    }

    long storedNodeCount() {
        return storedNodeCount;
    }

    long liveSavedNodeCount() {
        return liveSavedNodeCount;
    }

    /** Bytes held by orphan lists and per-version records (memory accounting; objects estimated at 64 bytes). */
    long bookkeepingBytes() {
        long bytes = 0;
        for (final VersionInfo info : withLiveNodes.values()) {
            if (!info.kept) {
                bytes += 64;
            }
        }
        for (final VersionInfo info : kept.values()) {
            bytes += 64 + info.orphans.capacityBytes();
        }
        return bytes;
    }

    /** Number of versions (kept or deleted) that still own live nodes. */
    int versionsWithLiveNodes() {
        return withLiveNodes.size();
    }
}

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
        int chunkCount;
        ArrayIntList orphans = new ArrayIntList(4);

        VersionInfo(final long version, final int rootIndex) {
            this.version = version;
            this.rootIndex = rootIndex;
        }
    }

    /** Receives the versions whose stored chunks hold no live node any more. */
    @FunctionalInterface
    interface ChunkReleaser {
        void release(long version, int chunkCount);
    }

    private final ArrayNodes nodes;
    private final TreeMap<Long, VersionInfo> kept = new TreeMap<>();
    /** Versions (kept or deleted) whose created nodes are still partly live. */
    private final Map<Long, VersionInfo> withLiveNodes = new HashMap<>();

    ArrayVersions(final ArrayNodes nodes) {
        this.nodes = nodes;
    }

    /** Records a new saved version; {@code replaced} are the saved nodes its working tree replaced. */
    VersionInfo addSaved(final long version, final int rootIndex, final int newNodeCount,
                         final int chunkCount, final ArrayIntList replaced) {
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
        info.chunkCount = chunkCount;
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

    /** While loading: counts one live node created at {@code version}, which has {@code chunkCount} chunks. */
    void countLoadedNode(final long version, final int chunkCount) {
        VersionInfo info = withLiveNodes.get(version);
        if (info == null) {
            info = kept.get(version);
            if (info == null) {
                info = new VersionInfo(version, NULL_NODE_INDEX);
                info.kept = false;
                info.orphans = null;
            }
            info.chunkCount = chunkCount;
            withLiveNodes.put(version, info);
        }
        info.liveNodeCount++;
    }

    VersionInfo kept(final long version) {
        return kept.get(version);
    }

    VersionInfo last() {
        final Map.Entry<Long, VersionInfo> last = kept.lastEntry();
        return last == null ? null : last.getValue();
    }

    long firstKeptVersion() {
        return kept.firstKey();
    }

    int keptCount() {
        return kept.size();
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
        final ArrayIntList orphans = info.orphans;
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
        if (--creator.liveNodeCount == 0) {
            withLiveNodes.remove(createdAt);
            releaser.release(createdAt, creator.chunkCount);
        }
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

package io.merklebench.array;

import static io.merklebench.array.ArrayLayout.HASH_PAGE_LENGTH;
import static io.merklebench.array.ArrayLayout.PAGE_LENGTH;

/**
 * Memory used by one {@code array} tree, all kept versions and live working states together, as read by the
 * {@code memory} benchmarks. Computed from the engine's own counters (no heap walk, no GC needed):
 * <ul>
 *   <li>a node is exactly {@link ArrayLayout#BYTES_PER_NODE} = 64 bytes: its 32-byte record plus its 32-byte hash
 *       in the parallel hash area; <em>used</em> counts allocated nodes, <em>capacity</em> counts whole pages
 *       (512 KiB of records plus 512 KiB of hashes per 2^14 nodes; free and never-used slots included);</li>
 *   <li>arena <em>used</em> is its append position (garbage of freed leaves included until compaction),
 *       <em>capacity</em> the backing array length; {@code arenaLeafBytes} is what live leaves own;</li>
 *   <li>bookkeeping is orphan lists, per-version records and the page table, estimated.</li>
 * </ul>
 * Example, 1M keys of 16 bytes with 40-byte values in one version: 1,999,999 nodes use 64 MB of records and
 * 64 MB of hashes (64 B/node together) and the arena 56 MB of key/value bytes.
 *
 * @param nodeCount           allocated node records (leaves and inner nodes of every kept version and working state)
 * @param keyCount            keys in the working tree
 * @param nodeUsedBytes       {@code nodeCount * 64} (record and hash)
 * @param nodeCapacityBytes   bytes of allocated record and hash pages
 * @param arenaUsedBytes      arena bytes up to the append position
 * @param arenaCapacityBytes  arena array length
 * @param arenaLeafBytes      key and value bytes owned by allocated leaves
 * @param bookkeepingBytes    orphan lists, version records, record and hash page tables
 */
public record ArrayMemoryStats(
    long nodeCount, long keyCount, long nodeUsedBytes, long nodeCapacityBytes,
    long arenaUsedBytes, long arenaCapacityBytes, long arenaLeafBytes, long bookkeepingBytes) {

    /**
     * The figures of one tree from its storage's counters.
     *
     * @param keyCount              keys in the working tree
     * @param versionBookkeepingBytes what the tree estimates for orphan lists, version records and its scratch lists;
     *                              the record and hash page tables are added here
     */
    static ArrayMemoryStats of(final ArrayNodes nodes, final long keyCount, final long versionBookkeepingBytes) {
        final ArrayArena arena = nodes.arena();
        final long nodeCount = nodes.allocatedCount();
        final long nodeCapacityBytes = (long)nodes.pageCount() * (PAGE_LENGTH + HASH_PAGE_LENGTH);
        // the record and hash page tables: an array header and one reference per page each
        final long pageTableBytes = 2 * (16L + 4L * nodes.pageTableLength());
        return new ArrayMemoryStats(nodeCount, keyCount, nodeCount * ArrayLayout.BYTES_PER_NODE, nodeCapacityBytes,
            arena.usedBytes(), arena.capacityBytes(), arena.leafBytes(), versionBookkeepingBytes + pageTableBytes);
    }

    /** Tree overhead per node, key and value bytes excluded, counting allocated pages and bookkeeping. */
    public double overheadBytesPerNode() {
        return nodeCount == 0 ? 0 : (double)(nodeCapacityBytes + bookkeepingBytes) / nodeCount;
    }

    /** Tree overhead per node counting only nodes in use (record + hash: 64 by construction). */
    public double usedBytesPerNode() {
        return nodeCount == 0 ? 0 : (double)nodeUsedBytes / nodeCount;
    }

    /** Everything per node: pages, bookkeeping and the whole arena array. */
    public double totalBytesPerNode() {
        return nodeCount == 0 ? 0 : (double)totalBytes() / nodeCount;
    }

    /** Tree overhead per key, key and value bytes excluded (about two nodes per key in one version). */
    public double overheadBytesPerKey() {
        return keyCount == 0 ? 0 : (double)(nodeCapacityBytes + bookkeepingBytes) / keyCount;
    }

    /** Everything per key, key and value bytes included. */
    public double totalBytesPerKey() {
        return keyCount == 0 ? 0 : (double)totalBytes() / keyCount;
    }

    /** The record pages' part of {@link #nodeCapacityBytes} (the rest is the hash pages'). */
    public long recordCapacityBytes() {
        return nodeCapacityBytes / (PAGE_LENGTH + HASH_PAGE_LENGTH) * PAGE_LENGTH;
    }

    /** The hash pages' part of {@link #nodeCapacityBytes}. */
    public long hashCapacityBytes() {
        return nodeCapacityBytes - recordCapacityBytes();
    }

    public long totalBytes() {
        return nodeCapacityBytes + arenaCapacityBytes + bookkeepingBytes;
    }
}

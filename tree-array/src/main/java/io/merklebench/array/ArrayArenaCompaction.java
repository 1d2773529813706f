package io.merklebench.array;

import java.util.Arrays;

/**
 * Compaction of the {@code array} engine's {@link ArrayArena}: the key and value bytes of every allocated record are
 * copied into a fresh arena and the records' key offsets moved there, so the bytes of freed leaves are given back.
 * Runs only between operations, inside {@code save} and {@code deleteVersion} (through the store commit) and after a
 * load, when {@link ArrayArena#isWasteful()}. Allocates the new arena and one sort array of a long per allocated
 * record; nothing on the per-operation path comes here.
 *
 * <p>Static and not thread-safe, like the {@link ArrayNodes} it is given: saved views read arena offsets, so no view
 * may be read while it runs (see {@link ArrayTreeView}).
 */
final class ArrayArenaCompaction {
    private ArrayArenaCompaction() {
    }

    /** Compacts the arena of {@code nodes} when its garbage clearly outweighs its live bytes; says whether it did. */
    static boolean compactIfWasteful(final ArrayNodes nodes) {
        if (!nodes.arena().isWasteful()) {
            return false;
        }
        compact(nodes);
        return true;
    }

    /**
     * Copies the arena ranges of every allocated record into a fresh arena and rewrites their key offsets. Ranges
     * are grouped by start offset: an inner node's key range starts where the leaf entry it was copied from starts,
     * so one copy serves the leaf and every inner node sharing its key.
     */
    static void compact(final ArrayNodes nodes) {
        final ArrayArena arena = nodes.arena();
        final int highWaterIndex = nodes.highWaterIndex();
        // (keyOffset << 32 | nodeIndex) per allocated record: sorting groups the records sharing a key range
        final long[] byOffset = new long[nodes.allocatedCount()];
        int count = 0;
        for (int nodeIndex = 0; nodeIndex < highWaterIndex; nodeIndex++) {
            if (!nodes.isFree(nodeIndex)) {
                byOffset[count++] = ((long)nodes.keyOffset(nodeIndex) << 32) | nodeIndex;
            }
        }
        Arrays.sort(byOffset, 0, count);
        final byte[] oldBytes = arena.bytes();
        final ArrayArena compacted = new ArrayArena(
            (int)Math.min(ArrayArena.MAX_CAPACITY, arena.leafBytes() + (arena.leafBytes() >> 2)));
        int groupStart = 0;
        while (groupStart < count) {
            final int oldOffset = (int)(byOffset[groupStart] >>> 32);
            int groupEnd = groupStart;
            int length = 0;
            while (groupEnd < count && (int)(byOffset[groupEnd] >>> 32) == oldOffset) {
                final int nodeIndex = (int)byOffset[groupEnd];
                final boolean leaf = nodes.isLeaf(nodeIndex);
                final int nodeLength = leaf
                    ? nodes.keyLength(nodeIndex) + nodes.valueLength(nodeIndex) : nodes.keyLength(nodeIndex);
                length = Math.max(length, nodeLength);
                if (leaf) {
                    compacted.addLeafBytes(nodeLength);
                }
                groupEnd++;
            }
            final int newOffset = compacted.append(oldBytes, oldOffset, length);
            for (int i = groupStart; i < groupEnd; i++) {
                nodes.setKeyOffset((int)byOffset[i], newOffset);
            }
            groupStart = groupEnd;
        }
        nodes.replaceArena(compacted);
    }
}

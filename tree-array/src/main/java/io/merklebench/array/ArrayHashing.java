package io.merklebench.array;

import io.merklebench.core.NodeHashing;

import java.util.Arrays;

import static io.merklebench.array.ArrayLayout.FLAGS_OFFSET;
import static io.merklebench.array.ArrayLayout.FLAG_HASH_VALID;
import static io.merklebench.array.ArrayLayout.HEIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.INT;
import static io.merklebench.array.ArrayLayout.KEY_LENGTH_OFFSET;
import static io.merklebench.array.ArrayLayout.KEY_OFFSET_OFFSET;
import static io.merklebench.array.ArrayLayout.LEFT_OFFSET;
import static io.merklebench.array.ArrayLayout.LONG;
import static io.merklebench.array.ArrayLayout.RIGHT_OFFSET;
import static io.merklebench.array.ArrayLayout.SHORT;
import static io.merklebench.array.ArrayLayout.SIZE_OFFSET;
import static io.merklebench.array.ArrayLayout.VERSION_OFFSET;
import static io.merklebench.array.ArrayLayout.hashOffset;
import static io.merklebench.array.ArrayLayout.nodeOffset;
import static io.merklebench.array.ArrayLayout.pageIndex;

/**
 * IAVL hashing of {@code array} nodes: fills in every stale hash below a node, children first, with
 * {@link NodeHashing} reading keys and values straight from the arena and writing each hash into its slot of the
 * hash pages ({@link ArrayLayout}). A record's {@code FLAG_HASH_VALID} says whether its hash is current; saved nodes'
 * hashes always are, so only a working state's own nodes are hashed. Allocation-free.
 *
 * <p>One per {@link ArrayTree}, shared by its working tree and working copies. Not thread-safe: it holds the
 * {@link NodeHashing} digest and scratch buffer, so all of them hash on the tree's one thread.
 */
final class ArrayHashing {
    private final ArrayNodes nodes;
    private final NodeHashing nodeHashing = new NodeHashing();
    private final byte[] scratch = new byte[NodeHashing.HASH_LENGTH];

    ArrayHashing(final ArrayNodes nodes) {
        this.nodes = nodes;
    }

    /** Computes the hash of every node below {@code nodeIndex} (itself included) whose hash is stale. */
    void hash(final int nodeIndex) {
        hashStale(nodes, nodeHashing, nodeIndex);
    }

    /**
     * Whether the hash stored for {@code nodeIndex} is the one its fields and its children's stored hashes give, so a
     * node loaded from the store can be checked against the hash its parent was computed from.
     */
    boolean storedHashMatches(final int nodeIndex) {
        hashFields(nodes, nodeHashing, nodeIndex, scratch, 0);
        final byte[] hashPage = nodes.hashPages()[pageIndex(nodeIndex)];
        final int hashOffset = hashOffset(nodeIndex);
        return Arrays.equals(scratch, 0, NodeHashing.HASH_LENGTH, hashPage, hashOffset, hashOffset + NodeHashing.HASH_LENGTH);
    }

    /** Static so that the recursion reads the records through its arguments, with no extra load per node. */
    private static void hashStale(final ArrayNodes nodes, final NodeHashing nodeHashing, final int nodeIndex) {
        final byte[] page = nodes.recordPages()[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        if ((page[offset + FLAGS_OFFSET] & FLAG_HASH_VALID) != 0) {
            return;
        }
        if (page[offset + HEIGHT_OFFSET] != 0) {
            hashStale(nodes, nodeHashing, (int)INT.get(page, offset + LEFT_OFFSET));
            hashStale(nodes, nodeHashing, (int)INT.get(page, offset + RIGHT_OFFSET));
        }
        hashFields(nodes, nodeHashing, nodeIndex, nodes.hashPages()[pageIndex(nodeIndex)], hashOffset(nodeIndex));
        page[offset + FLAGS_OFFSET] |= FLAG_HASH_VALID;
    }

    /** Writes the hash of the node's fields and its children's current hashes to {@code out} at {@code outOffset}. */
    private static void hashFields(final ArrayNodes nodes, final NodeHashing nodeHashing, final int nodeIndex,
                                   final byte[] out, final int outOffset) {
        final byte[] page = nodes.recordPages()[pageIndex(nodeIndex)];
        final int offset = nodeOffset(nodeIndex);
        final long version = (long)LONG.get(page, offset + VERSION_OFFSET);
        // an inner node's left child index; a leaf's value length
        final int left = (int)INT.get(page, offset + LEFT_OFFSET);
        if (page[offset + HEIGHT_OFFSET] == 0) {
            final byte[] arenaBytes = nodes.arenaBytes();
            final int keyOffset = (int)INT.get(page, offset + KEY_OFFSET_OFFSET);
            final int keyLength = (short)SHORT.get(page, offset + KEY_LENGTH_OFFSET) & 0xFFFF;
            nodeHashing.leafHashInto(version, arenaBytes, keyOffset, keyLength, arenaBytes, keyOffset + keyLength,
                left, out, outOffset);
        } else {
            final byte[][] hashPages = nodes.hashPages();
            final int rightIndex = (int)INT.get(page, offset + RIGHT_OFFSET);
            nodeHashing.innerHashInto(page[offset + HEIGHT_OFFSET], (int)INT.get(page, offset + SIZE_OFFSET), version,
                hashPages[pageIndex(left)], hashOffset(left),
                hashPages[pageIndex(rightIndex)], hashOffset(rightIndex),
                out, outOffset);
        }
    }
}

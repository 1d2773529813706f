package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structural and content checks shared by the paged engine's tests. */
final class TreeChecks {
    private TreeChecks() {
    }

    /** Contents equal the model, in order, through get and iterate. */
    static void assertContents(final NavigableMap<byte[], byte[]> model, final TreeReader tree, final String context) {
        assertEquals(model.size(), tree.size(), "size " + context);
        final List<byte[][]> entries = new ArrayList<>();
        tree.iterate(null, null, (key, value) -> entries.add(new byte[][] {key, value}));
        assertEquals(model.size(), entries.size(), "iterated entries " + context);
        int i = 0;
        for (final Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            assertArrayEquals(entry.getKey(), entries.get(i)[0], "key #" + i + " " + context);
            assertArrayEquals(entry.getValue(), entries.get(i)[1], "value #" + i + " " + context);
            assertArrayEquals(entry.getValue(), tree.get(entry.getKey()), "get " + Bytes.toHex(entry.getKey()) + " " + context);
            i++;
        }
    }

    /**
     * Checks AVL shape, sizes, inner keys (smallest key of the right subtree) and every hash; returns the leaves'
     * smallest key of the subtree.
     */
    static void assertWellFormed(final TreeReader tree, final String context) {
        final NodeView root = tree.root();
        if (root == null) {
            assertArrayEquals(NodeHashing.emptyTreeHash(), tree.rootHash(), "empty hash " + context);
            return;
        }
        check(root, new NodeHashing(), context);
        assertArrayEquals(root.hash(), tree.rootHash(), "root hash " + context);
    }

    private static byte[] check(final NodeView node, final NodeHashing hashing, final String context) {
        if (node.isLeaf()) {
            assertEquals(0, node.height(), context);
            assertEquals(1, node.size(), context);
            assertArrayEquals(hashing.leafHash(node.version(), node.key(), node.value()), node.hash(),
                "leaf hash " + Bytes.toHex(node.key()) + " " + context);
            return node.key();
        }
        final NodeView left = node.left();
        final NodeView right = node.right();
        final byte[] leftSmallest = check(left, hashing, context);
        final byte[] rightSmallest = check(right, hashing, context);
        assertArrayEquals(rightSmallest, node.key(), "inner key is the smallest of the right subtree " + context);
        assertEquals(Math.max(left.height(), right.height()) + 1, node.height(), "height " + context);
        assertEquals(left.size() + right.size(), node.size(), "size " + context);
        assertTrue(Math.abs(left.height() - right.height()) <= 1, "balance " + context);
        assertTrue(Arrays.compareUnsigned(leftSmallest, rightSmallest) < 0, "order " + context);
        assertArrayEquals(hashing.innerHash(node.height(), node.size(), node.version(), left.hash(), right.hash()),
            node.hash(), "inner hash " + context);
        return leftSmallest;
    }
}

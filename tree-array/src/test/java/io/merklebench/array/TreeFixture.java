package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Opening array trees on the {@code mem} store, and structural checks shared by the tests. */
final class TreeFixture {
    private TreeFixture() {
    }

    static ArrayTree open(final Path directory, final TreeOptions options) {
        return (ArrayTree)Registry.openTree(ArrayEngine.NAME, "mem", directory, StoreOptions.DEFAULTS, options);
    }

    static void destroy(final Path directory) {
        Registry.store("mem").destroy(directory);
    }

    static byte[] bytes(final String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Entries of a tree state in iteration order, as hex pairs (readable in assertion messages). */
    static List<String> entries(final TreeReader tree) {
        final List<String> entries = new ArrayList<>();
        tree.iterate(null, null, (key, value) -> entries.add(Bytes.toHex(key) + "=" + Bytes.toHex(value)));
        return entries;
    }

    static List<String> entries(final SortedMap<byte[], byte[]> model) {
        final List<String> entries = new ArrayList<>();
        for (final Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            entries.add(Bytes.toHex(entry.getKey()) + "=" + Bytes.toHex(entry.getValue()));
        }
        return entries;
    }

    /**
     * Checks the IAVL invariants of a state against a model: AVL balance, heights and sizes, inner key = smallest
     * key of the right subtree, leaves in order equal to the model, and every stored hash equal to its recomputed
     * value.
     */
    static void assertInvariants(final TreeReader tree, final SortedMap<byte[], byte[]> model, final String context) {
        final NodeView root = tree.root();
        if (model.isEmpty()) {
            assertNull(root, context + ": empty tree has a root");
            assertArrayEquals(NodeHashing.emptyTreeHash(), tree.rootHash(), context + ": empty tree hash");
            return;
        }
        final List<byte[]> leafKeys = new ArrayList<>();
        check(root, leafKeys, new NodeHashing(), context);
        assertEquals(model.size(), leafKeys.size(), context + ": leaf count");
        int i = 0;
        for (final Map.Entry<byte[], byte[]> entry : model.entrySet()) {
            assertArrayEquals(entry.getKey(), leafKeys.get(i++), context + ": leaf order");
        }
        assertEquals(model.size(), tree.size(), context + ": size");
        assertArrayEquals(root.hash(), tree.rootHash(), context + ": root hash vs root node hash");
    }

    /** Returns the smallest key of the subtree. */
    private static byte[] check(final NodeView node, final List<byte[]> leafKeys, final NodeHashing hashing,
                                final String context) {
        if (node.isLeaf()) {
            assertEquals(0, node.height(), context + ": leaf height");
            assertEquals(1, node.size(), context + ": leaf size");
            assertArrayEquals(hashing.leafHash(node.version(), node.key(), node.value()), node.hash(),
                context + ": leaf hash of key " + Bytes.toHex(node.key()));
            leafKeys.add(node.key());
            return node.key();
        }
        final NodeView left = node.left();
        final NodeView right = node.right();
        final byte[] leftMin = check(left, leafKeys, hashing, context);
        final byte[] rightMin = check(right, leafKeys, hashing, context);
        assertEquals(1 + Math.max(left.height(), right.height()), node.height(), context + ": inner height");
        assertEquals(left.size() + right.size(), node.size(), context + ": inner size");
        assertTrue(Math.abs(left.height() - right.height()) <= 1,
            context + ": unbalanced node, left height " + left.height() + " right height " + right.height());
        assertArrayEquals(rightMin, node.key(), context + ": inner key must be the smallest key of its right subtree");
        assertTrue(node.version() >= left.version() && node.version() >= right.version(),
            context + ": a node is never older than its children");
        assertArrayEquals(hashing.innerHash(node.height(), node.size(), node.version(), left.hash(), right.hash()),
            node.hash(), context + ": inner hash");
        if (Arrays.compareUnsigned(leftMin, rightMin) >= 0) {
            fail(context + ": left subtree keys must sort before right subtree keys");
        }
        return leftMin;
    }
}

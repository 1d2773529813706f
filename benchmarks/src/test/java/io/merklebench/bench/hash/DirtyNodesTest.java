package io.merklebench.bench.hash;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The SHA-256 floor hashes the very bytes an engine hashes: its first preimage is the root's. */
class DirtyNodesTest {
    @TempDir
    Path directory;

    @AfterEach
    void dropTheInMemoryStore() {
        Registry.store("mem").destroy(directory);
    }

    private MerkleTree treeOf(final int keyCount) {
        final MerkleTree tree = Registry.openTree(Registry.engineNames().get(0), "mem", directory, StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS.withDurable(false));
        for (int i = 0; i < keyCount; i++) {
            tree.set(key(i), ("value-" + i).getBytes(StandardCharsets.UTF_8));
        }
        tree.save();
        return tree;
    }

    private static byte[] key(final int index) {
        return String.format("key-%05d", index).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldCollectThePathsPreimagesWhoseRootHashesToTheTreesRoot() throws Exception {
        try (MerkleTree tree = treeOf(1000)) {
            final byte[][] dirty = {key(3), key(500), key(501), key(999)};

            final DirtyNodes nodes = DirtyNodes.onPaths(tree, dirty);

            assertEquals(4, nodes.leafCount());
            // Four paths of about log2(1000) = 10 inner nodes, sharing the top: at most 4 * 11 distinct.
            final int depth = tree.root().height();
            assertEquals(true, nodes.innerCount() >= depth && nodes.innerCount() <= 4 * depth,
                "innerCount=" + nodes.innerCount() + " height=" + depth);
            final byte[] rootPreimage = nodes.innerPreimage(0);
            assertArrayEquals(tree.rootHash(), MessageDigest.getInstance("SHA-256").digest(rootPreimage));
        }
    }

    @Test
    void shouldCountASharedPathOnce() {
        try (MerkleTree tree = treeOf(64)) {
            final DirtyNodes once = DirtyNodes.onPaths(tree, new byte[][] {key(10)});
            final DirtyNodes twice = DirtyNodes.onPaths(tree, new byte[][] {key(10), key(10)});

            assertEquals(once.innerCount(), twice.innerCount());
            assertEquals(1, once.leafCount());
            final int height = tree.root().height();
            assertEquals(true, once.innerCount() >= height / 2 && once.innerCount() <= height,
                "one path holds one inner node per level above its leaf: innerCount=" + once.innerCount()
                    + " height=" + height);
        }
    }

    @Test
    void shouldRejectAKeyThatIsNotInTheTree() {
        try (MerkleTree tree = treeOf(16)) {
            final IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> DirtyNodes.onPaths(tree, new byte[][] {"absent".getBytes(StandardCharsets.UTF_8)}));

            assertEquals(true, error.getMessage().contains("is not in the tree"), error.getMessage());
        }
    }
}

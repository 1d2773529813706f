package io.merklebench.heap;

import io.merklebench.core.conformance.tree.AvlInvariants;
import io.merklebench.core.conformance.tree.ReferenceModel;
import io.merklebench.core.conformance.tree.TreeChecks;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static io.merklebench.heap.HeapNodeStoreTest.key;
import static io.merklebench.heap.HeapNodeStoreTest.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heap-specific behaviour beyond the common contract: the bounded node cache, saves as single commits, closing. */
class HeapTreeTest {
    /** Small enough that a few thousand keys cannot fit, so reads must reload evicted nodes. */
    private static final int SMALL_CACHE_NODES = 32;

    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        Registry.store("mem").destroy(directory);
    }

    @Test
    void shouldBeRegisteredAsHeap() {
        assertInstanceOf(HeapEngine.class, Registry.engine("heap"));
        assertTrue(Registry.engineNames().contains("heap"));
    }

    @Test
    void shouldStayWithinNodeCacheBoundAndReloadEvictedNodes() {
        final TreeOptions options = TreeOptions.DEFAULTS.withDurable(false).withNodeCacheSize(SMALL_CACHE_NODES);
        final ReferenceModel model = new ReferenceModel();
        final SplittableRandom random = new SplittableRandom(5);
        byte[] firstHash;
        try (MerkleTree tree = open(options)) {
            for (int i = 0; i < 3_000; i++) {
                tree.set(key(i), value(i));
                model.set(key(i), value(i));
            }
            firstHash = tree.save();
            for (int i = 0; i < 3_000; i += 3) {
                tree.set(key(i), value(-i));
                model.set(key(i), value(-i));
            }
            tree.save();
            final HeapNodeCache cache = ((HeapTree)tree).nodeCache();
            assertEquals(SMALL_CACHE_NODES, cache.capacity());
            assertTrue(cache.size() <= SMALL_CACHE_NODES, "cache size=" + cache.size());
            final long missesBefore = cache.missCount();
            TreeChecks.checkState(tree, model, random, "after eviction");
            assertTrue(cache.missCount() > missesBefore, "reads had to reload evicted nodes");
            assertTrue(cache.size() <= SMALL_CACHE_NODES, "cache size=" + cache.size());
            assertArrayEquals(firstHash, tree.view(1).rootHash());
        }
        try (MerkleTree tree = open(options)) {
            TreeChecks.checkState(tree, model, random, "reopened with a small cache");
            final TreeView first = tree.view(1);
            assertArrayEquals(firstHash, first.rootHash());
            AvlInvariants.check(first, "version 1 reopened with a small cache");
        }
    }

    @Test
    void shouldSaveEachVersionInOneCommit() {
        try (MerkleTree tree = open(TreeOptions.DEFAULTS.withKeepRecent(2))) {
            for (int version = 1; version <= 4; version++) {
                for (int i = 0; i < 50; i++) {
                    tree.set(key(version * 100 + i), value(i));
                }
                final long commitsBefore = tree.store().counters().commitCount();
                tree.save();
                final long commits = tree.store().counters().commitCount() - commitsBefore;
                // From version 3 on, keepRecent=2 also deletes one old version, in a second (non-syncing) commit.
                assertEquals(version >= 3 ? 2 : 1, commits, "commits for version " + version);
            }
        }
    }

    @Test
    void shouldRejectUseAfterCloseNamingTheStore() {
        final MerkleTree tree = open(TreeOptions.DEFAULTS);
        tree.set(key(1), value(1));
        tree.save();
        final TreeView view = tree.view(1);
        tree.close();
        tree.close(); // idempotent
        final IllegalStateException error = assertThrows(IllegalStateException.class, () -> tree.set(key(2), value(2)));
        assertTrue(error.getMessage().contains("closed") && error.getMessage().contains(directory.toAbsolutePath().toString()),
            error.getMessage());
        assertThrows(IllegalStateException.class, () -> view.get(key(1)));
    }

    @Test
    void shouldDescribeSavedVersionsWhenOneIsUnknown() {
        try (MerkleTree tree = open(TreeOptions.DEFAULTS.withDurable(false))) {
            for (int i = 0; i < 12; i++) {
                tree.save();
            }
            tree.deleteVersion(4);
            final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> tree.view(4));
            assertEquals("unknown version: version=4; saved versions: 1..12 (11 versions, some in between deleted)",
                error.getMessage());
        }
    }

    private MerkleTree open(final TreeOptions options) {
        return Registry.openTree(HeapEngine.NAME, "mem", directory, StoreOptions.DEFAULTS, options);
    }
}

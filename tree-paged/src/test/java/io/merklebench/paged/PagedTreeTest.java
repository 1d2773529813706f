package io.merklebench.paged;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.Replayer;
import io.merklebench.core.conformance.tree.AvlInvariants;
import io.merklebench.core.conformance.tree.TreeChecks;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

class PagedTreeTest {
    private static final String VECTOR = "/vectors/iavl-memiavl-seq.cs";

    @TempDir
    Path directory;

    static Stream<Arguments> layouts() {
        final Stream.Builder<Arguments> cases = Stream.builder();
        for (final PageGeometry geometry : PageGeometry.values()) {
            for (final PagedTrees.Pages pages : PagedTrees.Pages.values()) {
                cases.add(Arguments.of(geometry, pages));
            }
        }
        return cases.build();
    }

    private PagedTree open(final PageGeometry geometry, final PagedTrees.Pages pages, final TreeOptions options) {
        return PagedTrees.open(directory.resolve("tree"), geometry, pages, options);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void shouldReproduceIavlVector(final PageGeometry geometry, final PagedTrees.Pages pages) throws Exception {
        final List<String> hashes = new ArrayList<>();
        try (PagedTree tree = open(geometry, pages, TreeOptions.DEFAULTS);
             InputStream input = PagedTreeTest.class.getResourceAsStream(VECTOR)) {
            assertNotNull(input, "vector on the class path (core test-jar): " + VECTOR);
            final ChangesetReader reader = new ChangesetReader(new BufferedReader(new InputStreamReader(input, UTF_8)), VECTOR);
            final long saved = new Replayer(tree).replay(reader, (version, rootHash, line) -> hashes.add(Bytes.toHex(rootHash)));
            assertEquals(7, saved);
        }
        assertEquals("6032661ab0d201132db7a8fa1da6a0afe427e6278bd122c301197680ab79ca02", hashes.get(0));
        try (PagedTree reopened = open(geometry, pages, TreeOptions.DEFAULTS)) {
            assertEquals(7, reopened.lastSavedVersion());
            assertEquals(hashes.get(6), Bytes.toHex(reopened.rootHash()));
            for (int version = 1; version <= 7; version++) {
                assertEquals(hashes.get(version - 1), Bytes.toHex(reopened.view(version).rootHash()), "version=" + version);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void shouldHashEmptyTreeAndKeepHashWhenSavingWithoutChanges(final PageGeometry geometry, final PagedTrees.Pages pages) {
        try (PagedTree tree = open(geometry, pages, TreeOptions.DEFAULTS.withInitialVersion(10))) {
            assertEquals(9, tree.lastSavedVersion());
            assertArrayEquals(NodeHashing.emptyTreeHash(), tree.save());
            assertEquals(10, tree.lastSavedVersion());
            tree.set("hello".getBytes(UTF_8), "world".getBytes(UTF_8));
            final byte[] hash = tree.save();
            assertArrayEquals(hash, tree.save());
            assertArrayEquals(new long[] {10, 11, 12}, tree.savedVersions());
            assertArrayEquals(NodeHashing.emptyTreeHash(), tree.view(10).rootHash());
            assertNull(tree.view(10).get("hello".getBytes(UTF_8)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void shouldStoreLongKeysHugeAndEmptyValues(final PageGeometry geometry, final PagedTrees.Pages pages) {
        final SplittableRandom random = new SplittableRandom(7);
        final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        final byte[] huge = new byte[1 << 20];
        random.nextBytes(huge);
        final byte[] longKey = new byte[5000];
        random.nextBytes(longKey);
        try (PagedTree tree = open(geometry, pages, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 200; i++) {
                final byte[] key = new byte[1 + random.nextInt(64)];
                random.nextBytes(key);
                final byte[] value = i % 3 == 0 ? new byte[0] : new byte[random.nextInt(3000)];
                random.nextBytes(value);
                model.put(key, value);
                tree.set(key, value);
            }
            model.put("huge".getBytes(UTF_8), huge);
            tree.set("huge".getBytes(UTF_8), huge);
            model.put(longKey, "long key".getBytes(UTF_8));
            tree.set(longKey, "long key".getBytes(UTF_8));
            tree.save();
            // Change neighbours so the pages holding the big nodes are copied into new pages.
            for (int i = 0; i < 20; i++) {
                final byte[] key = ("h" + i).getBytes(UTF_8);
                model.put(key, key);
                tree.set(key, key);
            }
            tree.save();
            TreeChecks.checkEntries(tree, model, "after save");
            AvlInvariants.check(tree, "after save");
        }
        try (PagedTree reopened = open(geometry, pages, TreeOptions.DEFAULTS)) {
            TreeChecks.checkEntries(reopened, model, "after reopen");
            assertArrayEquals(huge, reopened.view(1).get("huge".getBytes(UTF_8)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void shouldIsolateWorkingCopyViewsAndRollback(final PageGeometry geometry, final PagedTrees.Pages pages) {
        try (PagedTree tree = open(geometry, pages, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 100; i++) {
                tree.set(("k" + i).getBytes(UTF_8), ("v" + i).getBytes(UTF_8));
            }
            final byte[] first = tree.save();
            final TreeView view = tree.view(1);
            final WorkingTree copy = tree.workingCopy();
            copy.set("k1".getBytes(UTF_8), "changed".getBytes(UTF_8));
            copy.remove("k2".getBytes(UTF_8));
            assertArrayEquals("v1".getBytes(UTF_8), tree.get("k1".getBytes(UTF_8)));
            tree.set("k3".getBytes(UTF_8), "working".getBytes(UTF_8));
            assertArrayEquals("v3".getBytes(UTF_8), copy.get("k3".getBytes(UTF_8)));
            assertArrayEquals("changed".getBytes(UTF_8), copy.get("k1".getBytes(UTF_8)));
            assertNull(copy.get("k2".getBytes(UTF_8)));
            tree.rollback();
            assertArrayEquals(first, tree.rootHash());
            assertArrayEquals("v3".getBytes(UTF_8), tree.get("k3".getBytes(UTF_8)));
            tree.remove("k50".getBytes(UTF_8));
            tree.save();
            assertArrayEquals(first, view.rootHash());
            assertArrayEquals("v50".getBytes(UTF_8), view.get("k50".getBytes(UTF_8)));
            assertEquals(100, view.size());
            assertEquals(99, tree.size());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("layouts")
    void shouldForgetDeletedVersionAcrossReopen(final PageGeometry geometry, final PagedTrees.Pages pages) {
        try (PagedTree tree = open(geometry, pages, TreeOptions.DEFAULTS)) {
            for (int version = 1; version <= 4; version++) {
                for (int i = 0; i < 50; i++) {
                    tree.set(("k" + i).getBytes(UTF_8), ("v" + version).getBytes(UTF_8));
                }
                tree.save();
            }
            final IllegalArgumentException last = assertThrows(IllegalArgumentException.class, () -> tree.deleteVersion(4));
            assertTrue(last.getMessage().contains("version=4"), last.getMessage());
            final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> tree.deleteVersion(9));
            assertTrue(unknown.getMessage().contains("version=9"), unknown.getMessage());
            final int freeBefore = tree.freePageCount();
            tree.deleteVersion(2);
            assertTrue(tree.freePageCount() > freeBefore, "pages of version 2 freed");
            final IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> tree.view(2));
            assertTrue(gone.getMessage().contains("version=2"), gone.getMessage());
        }
        try (PagedTree reopened = open(geometry, pages, TreeOptions.DEFAULTS)) {
            assertArrayEquals(new long[] {1, 3, 4}, reopened.savedVersions());
            assertArrayEquals("v1".getBytes(UTF_8), reopened.view(1).get("k7".getBytes(UTF_8)));
            assertArrayEquals("v3".getBytes(UTF_8), reopened.view(3).get("k7".getBytes(UTF_8)));
        }
    }

    static Stream<Arguments> reuseLayouts() {
        return Stream.of(Arguments.of(PageGeometry.PAGED15, PagedTrees.Pages.PAGE_FILE),
            Arguments.of(PageGeometry.PAGED31, PagedTrees.Pages.MEM_STORE));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reuseLayouts")
    void shouldReusePagesSoFileStopsGrowingAtConstantKeyCount(final PageGeometry geometry, final PagedTrees.Pages pages) {
        final SplittableRandom random = new SplittableRandom(99);
        try (PagedTree tree = open(geometry, pages, TreeOptions.DEFAULTS.withKeepRecent(2).withDurable(false))) {
            for (int i = 0; i < 2000; i++) {
                tree.set(("key" + i).getBytes(UTF_8), new byte[32]);
            }
            tree.save();
            int pageCountAfterWarmup = 0;
            for (int version = 0; version < 150; version++) {
                for (int i = 0; i < 20; i++) {
                    final byte[] value = new byte[32];
                    random.nextBytes(value);
                    tree.set(("key" + random.nextInt(2000)).getBytes(UTF_8), value);
                }
                tree.save();
                if (version == 30) {
                    pageCountAfterWarmup = tree.pageCount();
                }
            }
            assertEquals(2, tree.savedVersions().length);
            assertTrue(tree.pageCount() <= pageCountAfterWarmup + pageCountAfterWarmup / 10,
                "pageCount=" + tree.pageCount() + " after 150 saves, pageCountAfterWarmup=" + pageCountAfterWarmup);
        }
    }

    @Test
    void shouldCountAtMostTwoSyncsPerDurableSaveOnPageFile() {
        final Path treeDirectory = directory.resolve("syncs");
        final io.merklebench.core.store.KvStore store =
            new io.merklebench.backends.mem.MemStoreFactory().open(treeDirectory, io.merklebench.core.store.StoreOptions.DEFAULTS);
        final MappedPageFile pageFile = new MappedPageFile(
            treeDirectory.resolve(MappedPageFile.FILE_NAME), PageGeometry.PAGED15.pageLength(), store.counters());
        try (PagedTree tree = PagedTree.open("paged15", store, pageFile, PageGeometry.PAGED15, TreeOptions.DEFAULTS)) {
            for (int version = 0; version < 5; version++) {
                for (int i = 0; i < 500; i++) {
                    tree.set(("k" + version + "-" + i).getBytes(UTF_8), new byte[40]);
                }
                final long syncsBefore = tree.syncCount();
                final long pagesBefore = tree.pagesWritten();
                tree.save();
                assertEquals(2, tree.syncCount() - syncsBefore, "syncs of one save");
                assertTrue(tree.pagesWritten() > pagesBefore);
            }
            assertEquals(5, tree.saveCount());
            assertTrue(tree.fileSizeBytes() >= tree.usedBytes(), "fileSizeBytes=" + tree.fileSizeBytes());
        }
    }

    @Test
    void shouldRejectPagesOfTheOtherGeometry() {
        try (PagedTree tree = open(PageGeometry.PAGED15, PagedTrees.Pages.PAGE_FILE, TreeOptions.DEFAULTS)) {
            tree.set("a".getBytes(UTF_8), "b".getBytes(UTF_8));
            tree.save();
        }
        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> open(PageGeometry.PAGED31, PagedTrees.Pages.PAGE_FILE, TreeOptions.DEFAULTS));
        assertTrue(error.getMessage().contains("nodesPerPage=15") && error.getMessage().contains("paged31"), error.getMessage());
    }

    @Test
    void shouldRejectEmptyAndNullKeys() {
        try (PagedTree tree = open(PageGeometry.PAGED31, PagedTrees.Pages.MEM_STORE, TreeOptions.DEFAULTS)) {
            assertThrows(IllegalArgumentException.class, () -> tree.set(new byte[0], new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> tree.set(null, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> tree.set(new byte[1], null));
        }
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

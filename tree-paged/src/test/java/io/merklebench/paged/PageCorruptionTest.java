package io.merklebench.paged;

import io.merklebench.backends.mem.MemStoreFactory;
import io.merklebench.core.Bytes;
import io.merklebench.core.conformance.tree.TreeChecks;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

/** Torn headers fall back to the previous commit; damaged pages are reported with their pageIndex and file. */
class PageCorruptionTest {
    private static final PageGeometry GEOMETRY = PageGeometry.PAGED15;

    @TempDir
    Path directory;

    private Path treeDirectory() {
        return directory.resolve("tree");
    }

    private Path pageFile() {
        return treeDirectory().resolve(MappedPageFile.FILE_NAME).toAbsolutePath();
    }

    private PagedTree open() {
        return PagedTrees.open(treeDirectory(), GEOMETRY, PagedTrees.Pages.PAGE_FILE, TreeOptions.DEFAULTS);
    }

    /** Saves two versions of 400 keys; returns their root hashes. */
    private byte[][] saveTwoVersions(final TreeMap<byte[], byte[]> firstContents) {
        try (PagedTree tree = open()) {
            for (int i = 0; i < 400; i++) {
                final byte[] key = ("key" + i).getBytes(UTF_8);
                final byte[] value = ("first" + i).getBytes(UTF_8);
                tree.set(key, value);
                firstContents.put(key, value);
            }
            final byte[] first = tree.save();
            for (int i = 0; i < 400; i += 3) {
                tree.set(("key" + i).getBytes(UTF_8), "second".getBytes(UTF_8));
            }
            return new byte[][] {first, tree.save()};
        }
    }

    @Test
    void shouldFallBackToPreviousHeaderWhenNewestSlotIsZeroed() throws IOException {
        final TreeMap<byte[], byte[]> first = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        final byte[][] hashes = saveTwoVersions(first);
        writeBytes(newestHeaderSlotOffset(), new byte[PageLayout.HEADER_SLOT_LENGTH]);
        try (PagedTree tree = open()) {
            assertEquals(1, tree.lastSavedVersion());
            assertArrayEquals(hashes[0], tree.rootHash());
            TreeChecks.checkEntries(tree, first, "after falling back to version 1");
        }
    }

    @Test
    void shouldFallBackToPreviousHeaderWhenNewestSlotHasAFlippedByte() throws IOException {
        final TreeMap<byte[], byte[]> first = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        final byte[][] hashes = saveTwoVersions(first);
        flipByte(newestHeaderSlotOffset() + PageLayout.HEADER_VERSION_OFFSET);
        try (PagedTree tree = open()) {
            assertEquals(1, tree.lastSavedVersion());
            assertArrayEquals(hashes[0], tree.rootHash());
            // The fallback state is writable: the next save reuses the version number of the torn commit.
            tree.set("after".getBytes(UTF_8), "fallback".getBytes(UTF_8));
            tree.save();
            assertEquals(2, tree.lastSavedVersion());
        }
        try (PagedTree tree = open()) {
            assertEquals(2, tree.lastSavedVersion());
            assertArrayEquals("fallback".getBytes(UTF_8), tree.get("after".getBytes(UTF_8)));
        }
    }

    @Test
    void shouldReportBothHeadersCorrupt() throws IOException {
        saveTwoVersions(new TreeMap<>(Bytes.UNSIGNED_ORDER));
        flipByte(PageLayout.HEADER_VERSION_OFFSET);
        flipByte(PageLayout.HEADER_SLOT_LENGTH + PageLayout.HEADER_VERSION_OFFSET);
        final StoreException error = assertThrows(StoreException.class, this::open);
        assertTrue(error.getMessage().contains("no valid commit header"), error.getMessage());
        assertTrue(error.getMessage().contains("file=" + pageFile()), error.getMessage());
    }

    @Test
    void shouldReportCorruptPageWhenReadingThroughIt() throws IOException {
        saveTwoVersions(new TreeMap<>(Bytes.UNSIGNED_ORDER));
        // Version 1's root is page 0, written first; page 1 is one of its child pages.
        final int pageIndex = 1;
        flipByte(PageLayout.pageOffset(pageIndex, GEOMETRY.pageLength()) + GEOMETRY.dataAreaOffset() + 3);
        try (PagedTree tree = open()) {
            final StoreException error = assertThrows(StoreException.class,
                () -> tree.view(1).iterate(null, null, (key, value) -> true));
            assertTrue(error.getMessage().contains("corrupt page: pageIndex=" + pageIndex + " file=" + pageFile()),
                error.getMessage());
            assertTrue(error.getMessage().contains("checksum mismatch"), error.getMessage());
        }
    }

    @Test
    void shouldReportCorruptRootPageAtOpen() throws IOException {
        saveTwoVersions(new TreeMap<>(Bytes.UNSIGNED_ORDER));
        final int rootPageIndex;
        try (PagedTree tree = open()) {
            rootPageIndex = ((PagedTreeView)tree.view(2)).rootPageIndex();
        }
        flipByte(PageLayout.pageOffset(rootPageIndex, GEOMETRY.pageLength()) + PageLayout.slotOffset(0) + PageLayout.HASH_OFFSET);
        final StoreException error = assertThrows(StoreException.class, this::open);
        assertTrue(error.getMessage().contains("pageIndex=" + rootPageIndex + " file=" + pageFile()), error.getMessage());
    }

    @Test
    void shouldReportCorruptPageInKeyValueStore() {
        final Path treeDirectory = directory.resolve("kv");
        try (PagedTree tree = PagedTrees.open(treeDirectory, GEOMETRY, PagedTrees.Pages.MEM_STORE, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 400; i++) {
                tree.set(("key" + i).getBytes(UTF_8), "v".getBytes(UTF_8));
            }
            tree.save();
        }
        final KvStore store = new MemStoreFactory().open(treeDirectory, StoreOptions.DEFAULTS);
        final byte[] pageKey = {'p', 0, 0, 0, 1};
        final byte[] page = store.get(pageKey);
        page[GEOMETRY.dataAreaOffset()] ^= 0x40;
        store.put(pageKey, page, true);
        try (PagedTree tree = PagedTree.open("paged15", store, new KvPageStore(store, GEOMETRY.pageLength()), GEOMETRY,
            TreeOptions.DEFAULTS)) {
            final StoreException error = assertThrows(StoreException.class,
                () -> tree.iterate(null, null, (key, value) -> true));
            assertTrue(error.getMessage().contains("corrupt page: pageIndex=1 store=mem directory="
                + treeDirectory.toAbsolutePath()), error.getMessage());
        } finally {
            PagedTrees.destroyMem(treeDirectory);
        }
    }

    /**
     * A page replaced by another whole page, its index and checksum made right (a misdirected or stale write that
     * the page checks cannot see): with node checks the walk into it is refused naming the parent; without, the same
     * store answers wrongly.
     */
    @Test
    void shouldRefuseAWholePageThatIsNotTheOneItsParentRefersTo() {
        final Path treeDirectory = directory.resolve("kv");
        final TreeMap<byte[], byte[]> contents = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        try (PagedTree tree = PagedTrees.open(treeDirectory, GEOMETRY, PagedTrees.Pages.MEM_STORE, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 400; i++) {
                contents.put(("key" + i).getBytes(UTF_8), ("v" + i).getBytes(UTF_8));
            }
            contents.forEach(tree::set);
            tree.save();
        }
        try {
            final KvStore store = new MemStoreFactory().open(treeDirectory, StoreOptions.DEFAULTS);
            final int[] children = twoChildPagesOfTheRoot(store);
            final byte[] replacement = store.get(pageKey(children[1]));
            final Page page = new Page().wrap(ByteBuffer.wrap(replacement), 0, replacement.length);
            page.putHeader(page.kind(), page.nodeCount(), children[0], page.birthVersion(), page.dataLength(),
                page.nextPageIndex());
            page.sealChecksum();
            store.put(pageKey(children[0]), replacement, true);
            try (PagedTree tree = PagedTree.open("paged15", store, new KvPageStore(store, GEOMETRY.pageLength()),
                GEOMETRY, TreeOptions.DEFAULTS.withCheckNodes(false))) {
                assertFalse(answersEveryKey(tree, contents), "a replaced page must give a wrong answer unchecked");
            }
            // the tree owns its store and closed it
            final KvStore reopened = new MemStoreFactory().open(treeDirectory, StoreOptions.DEFAULTS);
            try (PagedTree tree = PagedTree.open("paged15", reopened, new KvPageStore(reopened, GEOMETRY.pageLength()),
                GEOMETRY, TreeOptions.DEFAULTS.withCheckNodes(true))) {
                final StoreException error = assertThrows(StoreException.class, () -> answersEveryKey(tree, contents));
                assertTrue(error.getMessage().contains("corrupt page: pageIndex=" + children[0]), error.getMessage());
                assertTrue(error.getMessage().contains("does not match the hash its parent holds"), error.getMessage());
            }
        } finally {
            PagedTrees.destroyMem(treeDirectory);
        }
    }

    private static boolean answersEveryKey(final PagedTree tree, final TreeMap<byte[], byte[]> contents) {
        boolean allRight = true;
        for (final var entry : contents.entrySet()) {
            allRight &= java.util.Arrays.equals(entry.getValue(), tree.get(entry.getKey()));
        }
        return allRight;
    }

    /** Two pages the root page's slots refer to (the root page found through the store's commit header). */
    private static int[] twoChildPagesOfTheRoot(final KvStore store) {
        final KvPageStore pages = new KvPageStore(store, GEOMETRY.pageLength());
        final int rootPageIndex = CommitHeader.decode(pages.readHeader()).rootPageIndex();
        final Page root = pages.readPage(rootPageIndex, new Page());
        final java.util.List<Integer> children = new java.util.ArrayList<>();
        for (int slot = 0; slot < root.nodeCount() && children.size() < 2; slot++) {
            if (!root.isLeaf(slot)) {
                for (final int child : new int[] {root.leftPageIndex(slot), root.rightPageIndex(slot)}) {
                    if (child != rootPageIndex && children.size() < 2) {
                        children.add(child);
                    }
                }
            }
        }
        assertEquals(2, children.size(), "the root page refers to two other pages");
        return new int[] {children.get(0), children.get(1)};
    }

    private static byte[] pageKey(final int pageIndex) {
        return ByteBuffer.allocate(5).put((byte)'p').putInt(pageIndex).array();
    }

    private long newestHeaderSlotOffset() throws IOException {
        final ByteBuffer slots = readBytes(0, 2 * PageLayout.HEADER_SLOT_LENGTH);
        final long sequence0 = slots.getLong(PageLayout.HEADER_SEQUENCE_OFFSET);
        final long sequence1 = slots.getLong(PageLayout.HEADER_SLOT_LENGTH + PageLayout.HEADER_SEQUENCE_OFFSET);
        return sequence0 > sequence1 ? 0 : PageLayout.HEADER_SLOT_LENGTH;
    }

    private void flipByte(final long fileOffset) throws IOException {
        final ByteBuffer one = readBytes(fileOffset, 1);
        writeBytes(fileOffset, new byte[] {(byte)(one.get(0) ^ 0x5a)});
    }

    private ByteBuffer readBytes(final long fileOffset, final int length) throws IOException {
        try (FileChannel channel = FileChannel.open(pageFile(), StandardOpenOption.READ)) {
            final ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.read(buffer, fileOffset);
            return buffer.flip();
        }
    }

    private void writeBytes(final long fileOffset, final byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(pageFile(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), fileOffset);
        }
    }
}

package io.merklebench.paged;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the engine puts its pages: its own page file on {@code pagefile} only, store values on the others. */
class PagedEngineTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mem", "mmap", "rocksdb"})
    void shouldKeepOnePagePerValueBehindThePageCacheOnKeyValueStores(final String storeName) {
        final Path storeDirectory = directory.resolve(storeName);
        try (PagedTree tree = (PagedTree)Registry.openTree("paged31", storeName, storeDirectory, StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS)) {
            assertInstanceOf(KvPageStore.class, tree.pageStore());
            assertTrue(tree.pageCacheCapacity() > 0, "pageCacheCapacity=" + tree.pageCacheCapacity());
            tree.set("key".getBytes(UTF_8), "value".getBytes(UTF_8));
            tree.save();
            assertEquals(storeName, tree.store().kind());
            assertTrue(tree.store().get(new byte[] {'h'}) != null, "the commit header is a store value");
            assertFalse(Files.exists(storeDirectory.resolve(MappedPageFile.FILE_NAME)), "no page file on " + storeName);
        } finally {
            Registry.store(storeName).destroy(storeDirectory);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"paged15", "paged31"})
    void shouldOpenItsOwnPageFileOnThePageFileStore(final String engineName) {
        try (PagedTree tree = (PagedTree)Registry.openTree(engineName, PageFileStoreFactory.NAME, directory,
            StoreOptions.DEFAULTS, TreeOptions.DEFAULTS)) {
            final MappedPageFile pageFile = assertInstanceOf(MappedPageFile.class, tree.pageStore());
            assertEquals(directory.resolve(MappedPageFile.FILE_NAME).toAbsolutePath(), pageFile.file());
            assertEquals(0, tree.pageCacheCapacity(), "the page file is read in place, without a cache");
            assertTrue(tree.store().counters() == pageFile.counters(), "the page file counts in the store's counters");
        }
    }
}

package io.merklebench.paged;

import io.merklebench.backends.mem.MemStoreFactory;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.TreeOptions;

import java.nio.file.Path;
import java.util.Map;

/** Opens paged trees for tests on either page store. */
final class PagedTrees {
    /** Where the pages of a test tree live. */
    enum Pages {
        /** One value per page in the {@code mem} key-value store. */
        MEM_STORE,
        /** The {@code pagefile} store: the mmap'd page file {@code pages.dat} in the directory. */
        PAGE_FILE
    }

    /** Small segments, so tests also cover growth across several mappings. */
    static final long TEST_SEGMENT_LENGTH = 1L << 20;

    private PagedTrees() {
    }

    /** Opens the store as the registry would, and the engine of {@code geometry} on it. */
    static PagedTree open(final Path directory, final PageGeometry geometry, final Pages pages, final TreeOptions options) {
        final KvStore store = pages == Pages.PAGE_FILE
            ? new PageFileStoreFactory().open(directory,
                StoreOptions.of(Map.of(PageFileStoreFactory.SEGMENT_BYTES, Long.toString(TEST_SEGMENT_LENGTH))))
            : new MemStoreFactory().open(directory, StoreOptions.DEFAULTS);
        try {
            return (PagedTree)new PagedEngine(geometry).open(store, options);
        } catch (final RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static PagedTree open(final Path directory, final PageGeometry geometry, final Pages pages) {
        return open(directory, geometry, pages, TreeOptions.DEFAULTS);
    }

    /** Forgets a mem store's contents (a PAGE_FILE tree keeps its pages in the file, not the mem store). */
    static void destroyMem(final Path directory) {
        new MemStoreFactory().destroy(directory);
    }

    static StoreCounters counters(final PagedTree tree) {
        return tree.pageStore().counters();
    }
}

package io.merklebench.paged;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;

/**
 * Opens the paged tree with one page geometry. Where the pages go depends on the store it is given: for the
 * {@code mmap} store the engine keeps its own mmap'd page file, {@code pages.dat} under the store's directory
 * ({@link MappedPageFile}, syncs and bytes counted in the store's counters); for every other store each page is one
 * value in the store ({@link KvPageStore}). Stateless and thread-safe.
 */
public class PagedEngine implements TreeEngine {
    /** The store kind whose directory gets the engine's own page file instead of page-per-value entries. */
    public static final String MMAP_STORE_KIND = "mmap";

    private final PageGeometry geometry;

    protected PagedEngine(final PageGeometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public String name() {
        return geometry.engineName();
    }

    @Override
    public String description() {
        return "IAVL with saved nodes packed " + geometry.maxSlots() + " to a " + geometry.pageLength()
            + "-byte checksummed copy-on-write page (mmap page file on --store mmap, one value per page otherwise)";
    }

    @Override
    public MerkleTree open(final KvStore store, final TreeOptions options) {
        final PageStore pageStore = MMAP_STORE_KIND.equals(store.kind())
            ? new MappedPageFile(store.directory().resolve(MappedPageFile.FILE_NAME), geometry.pageLength(), store.counters())
            : new KvPageStore(store, geometry.pageLength());
        try {
            return PagedTree.open(name(), store, pageStore, geometry, options);
        } catch (final RuntimeException | Error e) {
            pageStore.close();
            throw e;
        }
    }
}

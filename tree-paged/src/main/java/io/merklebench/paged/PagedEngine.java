package io.merklebench.paged;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;

/**
 * Opens the paged tree with one page geometry. Where the pages go depends on the store it is given: the
 * {@code pagefile} store ({@link PageFileStore}) gets the engine's own mmap'd page file, {@code pages.dat} in its
 * directory ({@link MappedPageFile}, syncs and bytes counted in that store's counters); every key-value store,
 * {@code mmap}'s record log included, gets one value per page ({@link KvPageStore}) read through a page cache. So
 * the engine {@linkplain #usesPageStores() uses page stores} as well as key-value stores. Stateless and thread-safe.
 */
public class PagedEngine implements TreeEngine {
    private final PageGeometry geometry;

    protected PagedEngine(final PageGeometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public String name() {
        return geometry.engineName();
    }

    @Override
    public String hashScheme() {
        return HASH_SCHEME_IAVL_V1;
    }

    @Override
    public String description() {
        return "IAVL with saved nodes packed " + geometry.maxSlots() + " to a " + geometry.pageLength()
            + "-byte checksummed copy-on-write page (its own page file on --store pagefile, one value per page on"
            + " key-value stores)";
    }

    @Override
    public boolean usesPageStores() {
        return true;
    }

    /** The shared {@link io.merklebench.core.tree.FastIndex} of {@code AbstractMerkleTree}: nothing engine-specific. */
    @Override
    public boolean keepsFastIndex() {
        return true;
    }

    @Override
    public MerkleTree open(final KvStore store, final TreeOptions options) {
        Registry.requireUsable(this, store);
        final PageStore pageStore = store instanceof PageFileStore pageFileStore
            ? pageFileStore.openPageFile(geometry.pageLength())
            : new KvPageStore(store, geometry.pageLength());
        try {
            return PagedTree.open(name(), store, pageStore, geometry, options);
        } catch (final RuntimeException | Error e) {
            pageStore.close();
            throw e;
        }
    }
}

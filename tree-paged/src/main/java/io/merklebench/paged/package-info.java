/**
 * The paged IAVL engines {@code paged15} and {@code paged31}: saved nodes packed into fixed-size pages of up to 4
 * levels (15 nodes, 4 KiB) or 5 levels (31 nodes, 8 KiB), so one page read brings in 4 or 5 levels of a path.
 *
 * <h2>Reading order</h2>
 * {@link io.merklebench.paged.PageLayout} (bytes of pages, slots and headers) →
 * {@link io.merklebench.paged.PageGeometry} → {@link io.merklebench.paged.PagedWorkingTree} (IAVL set/remove and
 * rotations on heap nodes over pages) → {@link io.merklebench.paged.PagePacker} (what {@code save} writes) →
 * {@link io.merklebench.paged.PagedTree} (versions, commit protocol, counters) →
 * {@link io.merklebench.paged.PageReclaimer} (freeing pages of deleted versions) →
 * {@link io.merklebench.paged.PageStore} with {@link io.merklebench.paged.MappedPageFile} and
 * {@link io.merklebench.paged.KvPageStore}, read through {@link io.merklebench.paged.PagedNodeStore} and its
 * {@link io.merklebench.paged.PageCache}.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Keys and values inline.</b> Each page has a data area after its slots (2984 bytes for paged15, 5928 for
 * paged31). A page takes nodes breadth first while their keys and values fit, so with large values a page holds fewer
 * nodes rather than spilling; only a node whose key plus value exceeds an empty page's data area goes to an overflow
 * chain of whole pages owned by its tree page (tested with 1 MiB values and 5,000-byte keys; they are rewritten when their page
 * is copied). No separate value log: one file, one free list, one checksum scheme.</li>
 * <li><b>Whole-page copy-on-write.</b> Other pages reference a page only at its slot 0; a change under a page
 * replaces its root node, so the page dies whole and its unchanged nodes are copied into the new page. A page is
 * therefore shared by a contiguous range of versions, which makes freeing pages of a deleted version a walk over the
 * pages written between its neighbours.</li>
 * <li><b>Crash safety.</b> {@code save} writes pages (to free or new page indexes that no header that could be read
 * after a crash references), forces them, then writes the header into the older of two 4 KiB slots and forces it.
 * Reopening picks the valid slot with the highest sequence: a torn or missing header falls back to the previous
 * commit, whose pages are intact. Exactly 2 syncs per durable save on the page file, 1 on a key-value store.</li>
 * <li><b>Checksums.</b> Every page and header carries a CRC32C; a mismatch is a {@code StoreException} naming the
 * pageIndex and the file (or store and directory), never data.</li>
 * <li><b>Page store choice.</b> The page file is a store of its own, {@code pagefile}
 * ({@link io.merklebench.paged.PageFileStoreFactory}, registered from this module because its format is this
 * engine's page layout): {@code --store pagefile} gets the engine's own page file {@code pages.dat} in the store's
 * directory, which holds the pages, the meta chain and both header slots, so its
 * {@link io.merklebench.paged.PageFileStore} holds no key-value entries and only these engines can use it (heap and
 * array refuse it through {@code Registry.canUse}). Every key-value store, {@code mmap}'s record log included, gets
 * one value per page (key {@code p<pageIndex:4>}), committed in one atomic batch with the header (key {@code h}):
 * {@code store=mmap} means the same record log for every engine. Tests may build a
 * {@link io.merklebench.paged.PagedTree} on a {@link io.merklebench.paged.MappedPageFile} directly, whatever the
 * store.</li>
 * <li><b>A page cache on key-value stores, no node cache.</b> Checked tree pages read from a key-value store are
 * kept by pageIndex in a bounded, direct-mapped {@link io.merklebench.paged.PageCache}; decoded nodes are not kept.
 * Without it every page visit was a store get returning a fresh 4 or 8 KiB copy plus a CRC32C of the whole page
 * (8.7 us per hit at 10k keys on {@code mem}, 21 KB allocated per get). A hit costs one array load: no store get, no
 * copy, no checksum, no allocation. A page is checked when it is read into the cache; the cache is invalidated when a
 * page is freed and before a pageIndex is written again, since freed indexes are reused. The bound is
 * {@code TreeOptions.nodeCacheSize} nodes (default 100,000, as the heap engine) over the nodes a page holds, rounded
 * up to a power of two: 8,192 paged15 pages or 4,096 paged31 pages, at most 32 MiB of page copies (the heap engine's
 * default node cache is 20-40 MB). That holds the top levels of any tree plus a working set: every page of about
 * 40,000 keys of 32-byte keys and 100-byte values (841 paged15 page bytes per key, see
 * {@link io.merklebench.paged.PagePacker}); beyond that, lookups pay a store get for the lower pages they miss.
 * The page file has no cache: its pages are read in place, checked once per page and remembered in a bitmap, and a
 * lookup re-wraps one flyweight for all its pages. Caching wrappers there saved nothing measurable (QueryBench at
 * 100,000 keys, within run-to-run noise) and adds a pointer chase to a cold object per page.</li>
 * </ul>
 */
package io.merklebench.paged;

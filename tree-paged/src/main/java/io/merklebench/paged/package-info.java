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
 * {@link io.merklebench.paged.KvPageStore}.
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
 * commit, whose pages are intact. At most 2 syncs per save on a page file under one segment (256 MiB).</li>
 * <li><b>Checksums.</b> Every page and header carries a CRC32C; a mismatch is a {@code StoreException} naming the
 * pageIndex and the file (or store and directory), never data.</li>
 * <li><b>Page store choice.</b> {@code --store mmap} gets the engine's own page file {@code pages.dat} in the store's
 * directory; every other store gets one value per page (key {@code p<pageIndex:4>}), committed in one atomic batch
 * with the header (key {@code h}). Tests may build a {@link io.merklebench.paged.PagedTree} on a
 * {@link io.merklebench.paged.MappedPageFile} directly, whatever the store.</li>
 * <li><b>No node cache.</b> {@code TreeOptions.nodeCacheSize} is ignored: pages live in the OS page cache (mmap) or the
 * store's cache; decoded nodes are not kept.</li>
 * </ul>
 */
package io.merklebench.paged;

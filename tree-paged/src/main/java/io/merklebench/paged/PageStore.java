package io.merklebench.paged;

import io.merklebench.core.store.StoreCounters;

/**
 * Where pages and the commit header live: an mmap'd page file ({@link MappedPageFile}) or one value per page in a
 * {@link io.merklebench.core.store.KvStore} ({@link KvPageStore}). The store moves bytes; checksums, allocation and
 * the free list belong to the tree ({@link PageReader}, {@link PageAllocator}).
 *
 * <p>CONTRACT: a page written with {@link #writePage} is readable through {@link #readPage} at once, but is durable
 * only after the next {@link #commit}. Pages are never rewritten while a version that the last committed header
 * can reach uses them: the caller guarantees it, the store does not check.
 * <p>CONTRACT: {@link #commit} makes every page written before it and the new header visible after a crash all or
 * nothing: after a crash, {@link #readHeader} returns either this header or the previous one, and the pages the
 * returned header reaches are intact. With {@code durable=true} it returns only once both are on stable storage.
 * <p>Not thread-safe for writes; {@link #readPage} may be called from several threads while nobody writes.
 */
public interface PageStore extends AutoCloseable {
    int pageLength();

    /** Where the pages live, for error messages: {@code file=/abs/pages.dat} or {@code store=rocksdb directory=/abs}. */
    String location();

    /** Points {@code page} at the bytes of {@code pageIndex}; throws {@link io.merklebench.core.store.StoreException} if absent. */
    Page readPage(int pageIndex, Page page);

    /** Stores a full page (its checksum already sealed); {@code pageBytes} is read, not kept. */
    void writePage(int pageIndex, byte[] pageBytes);

    /** Forgets a page no version needs any more (a key-value store deletes it; a file keeps the bytes for reuse). */
    void freePage(int pageIndex);

    /** The newest complete header ({@link PageLayout#HEADER_LENGTH} bytes), or {@code null} for a new store. */
    byte[] readHeader();

    /** Makes the written pages and {@code header} durable, pages first; see the class contract. */
    void commit(byte[] header, boolean durable);

    /** Syncs, commits and bytes written, shared with the key-value store so benchmarks read them in one place. */
    StoreCounters counters();

    /** Bytes the store holds for pages and headers (file length for the page file; page bytes for a key-value store). */
    long sizeBytes();

    @Override
    void close();
}

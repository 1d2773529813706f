package io.merklebench.paged;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.WriteBatch;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Pages as values of any {@link KvStore}, one value per page, plus the header under its own key. A commit is one
 * write batch holding the new pages, the deletes of freed pages and the header, so the store's atomic batch gives
 * crash safety, with one store sync per durable save. Written pages are staged in memory until the commit (and read
 * back from there), since stores show committed data only.
 *
 * <p>Keys:
 * <pre>
 *   // p&lt;pageIndex:4&gt;   one page
 *   // h                 the commit header
 * </pre>
 * Thread-safety: see {@link PageStore}. Owns nothing: the tree closes the key-value store.
 */
public final class KvPageStore implements PageStore {
    private static final byte PAGE_PREFIX = 'p';
    private static final byte[] HEADER_KEY = {'h'};

    private final KvStore store;
    private final int pageLength;
    private final Map<Integer, byte[]> stagedPages = new HashMap<>();
    private final Set<Integer> stagedDeletes = new HashSet<>();
    private final WriteBatch batch;

    public KvPageStore(final KvStore store, final int pageLength) {
        this.store = store;
        this.pageLength = pageLength;
        this.batch = store.newBatch();
    }

    @Override
    public int pageLength() {
        return pageLength;
    }

    @Override
    public String location() {
        return "store=" + store.kind() + " directory=" + store.directory().toAbsolutePath();
    }

    @Override
    public Page readPage(final int pageIndex, final Page page) {
        // Between saves nothing is staged: skip the boxed lookup on the read path.
        byte[] bytes = stagedPages.isEmpty() ? null : stagedPages.get(pageIndex);
        if (bytes == null) {
            bytes = store.get(pageKey(pageIndex));
        }
        if (bytes == null) {
            throw new StoreException("page missing from the store: pageIndex=" + pageIndex + " " + location());
        }
        if (bytes.length != pageLength) {
            throw new StoreException("page has the wrong length: pageIndex=" + pageIndex + " length=" + bytes.length
                + " expected=" + pageLength + " " + location());
        }
        return page.wrap(ByteBuffer.wrap(bytes), 0, pageLength);
    }

    @Override
    public void writePage(final int pageIndex, final byte[] pageBytes) {
        stagedPages.put(pageIndex, pageBytes.clone());
        stagedDeletes.remove(pageIndex);
    }

    @Override
    public void freePage(final int pageIndex) {
        stagedPages.remove(pageIndex);
        stagedDeletes.add(pageIndex);
    }

    @Override
    public byte[] readHeader() {
        return store.get(HEADER_KEY);
    }

    @Override
    public void commit(final byte[] header, final boolean durable) {
        batch.clear();
        stagedPages.forEach((pageIndex, bytes) -> batch.put(pageKey(pageIndex), bytes));
        stagedDeletes.forEach(pageIndex -> batch.delete(pageKey(pageIndex)));
        batch.put(HEADER_KEY, header);
        store.commit(batch, durable);
        batch.clear();
        stagedPages.clear();
        stagedDeletes.clear();
    }

    @Override
    public StoreCounters counters() {
        return store.counters();
    }

    /** Unknown here: the store's own files hold the pages; measure its directory instead. */
    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void close() {
        stagedPages.clear();
        stagedDeletes.clear();
    }

    private static byte[] pageKey(final int pageIndex) {
        return new byte[] {PAGE_PREFIX, (byte)(pageIndex >>> 24), (byte)(pageIndex >>> 16), (byte)(pageIndex >>> 8), (byte)pageIndex};
    }
}

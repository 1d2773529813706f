package io.merklebench.paged;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.WriteBatch;

import java.nio.file.Path;
import java.util.Map;

/**
 * The {@link KvStore} of a {@code pagefile} store ({@link PageFileStoreFactory}): no key-value entries, but the
 * directory a paged engine opens its {@link MappedPageFile} in ({@link #openPageFile}), with the counters the page
 * file records its syncs and bytes in and the settings results are labelled with. A tree on it ({@link PagedTree})
 * keeps everything, pages, the meta chain and the double-buffered commit header, in the page file, as the paged
 * engines did on {@code --store mmap} before {@code mmap} meant the record log for every engine; crash safety is the
 * page file's commit protocol, and the page file locks itself against a second open.
 *
 * <p>{@link #get}, {@link #commit} and {@link #iterate} throw {@link UnsupportedOperationException} naming the
 * key-value stores instead: nothing here is a key-value entry, and the registry keeps store benchmarks and the other
 * engines off this store before they get that far. {@link #close()} closes the page file if the engine has not.
 * Not thread-safe; the tree that owns it serializes its use.
 */
public final class PageFileStore implements KvStore {
    private final Path directory;
    private final long segmentBytes;
    /** Opened by {@link PageFileStoreFactory#openReadOnly}: the page file is opened read-only. */
    private final boolean readOnly;
    private final StoreCounters counters = new StoreCounters();
    private MappedPageFile pageFile;
    private boolean closed;

    PageFileStore(final Path directory, final long segmentBytes, final boolean readOnly) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.readOnly = readOnly;
    }

    /**
     * Opens {@value MappedPageFile#FILE_NAME} in the directory with the engine's page length; once per store.
     *
     * @throws StoreException when the store is closed, its page file is already open, or the file cannot be opened
     */
    MappedPageFile openPageFile(final int pageLength) {
        if (closed) {
            throw new StoreException(PageFileStoreFactory.NAME + " store is closed: " + directory.toAbsolutePath());
        }
        if (pageFile != null) {
            throw new StoreException("the page file of this " + PageFileStoreFactory.NAME + " store is already open: "
                + pageFile.location());
        }
        final Path file = directory.resolve(MappedPageFile.FILE_NAME);
        pageFile = readOnly
            ? MappedPageFile.openReadOnly(file, pageLength, segmentBytes, counters)
            : new MappedPageFile(file, pageLength, segmentBytes, counters);
        return pageFile;
    }

    @Override
    public String kind() {
        return PageFileStoreFactory.NAME;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public byte[] get(final byte[] key) {
        throw notKeyValue();
    }

    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        throw notKeyValue();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        throw notKeyValue();
    }

    /** The page file's syncs, commits and bytes written (pages and headers). */
    @Override
    public StoreCounters counters() {
        return counters;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(PageFileStoreFactory.SEGMENT_BYTES, Long.toString(segmentBytes));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pageFile != null) {
            pageFile.close();
        }
    }

    private UnsupportedOperationException notKeyValue() {
        return new UnsupportedOperationException(Registry.keyValueRefusal(PageFileStoreFactory.NAME)
            + ": directory=" + directory.toAbsolutePath());
    }
}

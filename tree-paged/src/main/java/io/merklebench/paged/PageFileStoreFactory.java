package io.merklebench.paged;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static io.merklebench.paged.PageLayout.HEADER_SLOT_COUNT;
import static io.merklebench.paged.PageLayout.HEADER_SLOT_LENGTH;

/**
 * {@code pagefile}: the paged engines' own page file, {@value MappedPageFile#FILE_NAME} in the given directory
 * ({@link MappedPageFile}: pages read through the mapping, written with positional writes, a double-buffered commit
 * header; 2 syncs per durable save). It {@linkplain #holdsTreePages() holds tree pages}, not key-value entries, so
 * only the paged engines can use it ({@link io.merklebench.core.registry.Registry#canUse}); its {@link KvStore} is a
 * {@link PageFileStore}. It lives with the engine because its file format is the engine's page layout.
 *
 * <p>Options and defaults ({@code --store-options name=value,...}):
 * <pre>
 * segmentBytes=1073741824   mapped window of the page file, a multiple of 8192, at most 1 GiB (tests use 1 MiB to
 *                           cover growth across several windows)
 * </pre>
 * Stateless and thread-safe.
 */
public final class PageFileStoreFactory implements StoreFactory {
    public static final String NAME = "pagefile";
    static final String SEGMENT_BYTES = "segmentBytes";
    /** A segment holds whole pages of either geometry and whole header slots: a multiple of 8192. */
    private static final long SEGMENT_UNIT_BYTES = (long)HEADER_SLOT_COUNT * HEADER_SLOT_LENGTH;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the paged engines' page file (paged15, paged31 only): read through mmap, positional writes,"
            + " double-buffered header; durable commit = 2 msyncs";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean holdsTreePages() {
        return true;
    }

    @Override
    public KvStore open(final Path directory, final StoreOptions options) {
        final long segmentBytes = segmentBytes(options);
        final Path absolute = directory.toAbsolutePath();
        try {
            Files.createDirectories(absolute);
        } catch (final IOException e) {
            throw new StoreException(NAME + " store directory could not be created: " + absolute, e);
        }
        return new PageFileStore(directory, segmentBytes, false);
    }

    /** The page file is opened read-only when the engine opens it ({@link MappedPageFile#openReadOnly}). */
    @Override
    public KvStore openReadOnly(final Path directory, final StoreOptions options) {
        final long segmentBytes = segmentBytes(options);
        if (!Files.isDirectory(directory)) {
            throw new StoreException(NAME + " store directory not found: " + directory.toAbsolutePath());
        }
        return new PageFileStore(directory, segmentBytes, true);
    }

    @Override
    public String readOnlyMethod() {
        return MappedPageFile.FILE_NAME + " opened and mapped read-only under a shared lock";
    }

    private static long segmentBytes(final StoreOptions options) {
        options.requireOnly(NAME, Set.of(SEGMENT_BYTES));
        final long segmentBytes = options.getLong(SEGMENT_BYTES, MappedPageFile.DEFAULT_SEGMENT_LENGTH);
        if (segmentBytes < SEGMENT_UNIT_BYTES || segmentBytes > MappedPageFile.DEFAULT_SEGMENT_LENGTH
            || segmentBytes % SEGMENT_UNIT_BYTES != 0) {
            throw new IllegalArgumentException("store option " + SEGMENT_BYTES + " must be a multiple of "
                + SEGMENT_UNIT_BYTES + " between " + SEGMENT_UNIT_BYTES + " and " + MappedPageFile.DEFAULT_SEGMENT_LENGTH
                + ": " + SEGMENT_BYTES + "=" + options.getString(SEGMENT_BYTES, ""));
        }
        return segmentBytes;
    }
}

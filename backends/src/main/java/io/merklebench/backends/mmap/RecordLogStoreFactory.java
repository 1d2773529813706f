package io.merklebench.backends.mmap;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;

/**
 * What the three record-log stores' factories share: the log ({@value RecordLogStore#LOG_FILE_NAME} in the given
 * directory, see {@link RecordLogStore} and {@link LogLayout}) opened with the store's {@link LogMapping}.
 *
 * <p>Options and defaults ({@code --store-options name=value,...}), see {@link LogSettings}:
 * <pre>
 * initialFileBytes=4194304   initial log file size (4 MiB, allocated); grows by doubling, 1 GiB steps past 1 GiB
 * maxFileBytes=1099511627776 the largest the log may grow (1 TiB); a commit past it is refused
 * segmentBytes=...           mapped window size (power of two, 64 KiB to 1 GiB; 1 GiB, chronicle 16 MiB)
 * </pre>
 * Stateless and thread-safe.
 */
abstract class RecordLogStoreFactory implements StoreFactory {
    private final LogMapping mapping;
    private final int defaultSegmentBytes;

    RecordLogStoreFactory(final LogMapping mapping, final int defaultSegmentBytes) {
        this.mapping = mapping;
        this.defaultSegmentBytes = defaultSegmentBytes;
    }

    @Override
    public final String name() {
        return mapping.storeName();
    }

    @Override
    public final String description() {
        return mapping.description();
    }

    @Override
    public final boolean persistent() {
        return true;
    }

    @Override
    public final KvStore open(final Path directory, final StoreOptions options) {
        return RecordLogStore.open(directory, mapping, settings(options));
    }

    @Override
    public final KvStore openReadOnly(final Path directory, final StoreOptions options) {
        return RecordLogStore.openReadOnly(directory, mapping, settings(options));
    }

    @Override
    public final String readOnlyMethod() {
        return "the log file opened and mapped read-only (a torn tail is skipped, not zeroed)";
    }

    private LogSettings settings(final StoreOptions options) {
        return LogSettings.parse(mapping.storeName(), options, defaultSegmentBytes);
    }
}

package io.merklebench.backends.mmap;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;

/**
 * {@code mmap}: an append-only, CRC32C-checksummed record log in a memory-mapped file ({@value MmapStore#LOG_FILE_NAME}
 * in the given directory) with an in-memory sorted index rebuilt on open. See {@link MmapStore} and {@link LogLayout}.
 *
 * <p>Options and defaults ({@code --store-options name=value,...}):
 * <pre>
 * initialFileBytes=4194304   initial log file size (4 MiB, sparse); grows by doubling, 1 GiB steps past 1 GiB
 * segmentBytes=1073741824    mapped window size (power of two, 64 KiB to 1 GiB)
 * </pre>
 * Stateless and thread-safe.
 */
public final class MmapStoreFactory implements StoreFactory {
    public static final String NAME = "mmap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "append-only checksummed log in a memory-mapped file, in-memory index; durable commit = msync";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public KvStore open(final Path directory, final StoreOptions options) {
        return MmapStore.open(directory, MmapSettings.parse(options));
    }

    @Override
    public KvStore openReadOnly(final Path directory, final StoreOptions options) {
        return MmapStore.openReadOnly(directory, MmapSettings.parse(options));
    }

    @Override
    public String readOnlyMethod() {
        return "the log file opened and mapped read-only (a torn tail is skipped, not zeroed)";
    }
}

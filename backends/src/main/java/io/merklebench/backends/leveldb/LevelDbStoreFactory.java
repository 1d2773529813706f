package io.merklebench.backends.leveldb;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;

/**
 * {@code leveldb}: LevelDB through leveldbjni-all 1.8, files in the given directory.
 *
 * <p>Options and defaults ({@code --store-options name=value,...}), all LevelDB's own defaults:
 * <pre>
 * cacheBytes=8388608        LRU block cache (8 MiB)
 * compression=snappy        none or snappy
 * writeBufferBytes=4194304  memtable size (4 MiB)
 * blockBytes=4096           table block size
 * </pre>
 * Stateless and thread-safe.
 */
public final class LevelDbStoreFactory implements StoreFactory {
    public static final String NAME = "leveldb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LevelDB (leveldbjni 1.8): LSM tree with a log; durable commit = log fsync";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public KvStore open(final Path directory, final StoreOptions options) {
        return LevelDbStore.open(directory, LevelDbSettings.parse(options));
    }

    /** A temporary copy, opened normally ({@link LevelDbCopyStore}): LevelDB has no read-only open. */
    @Override
    public KvStore openReadOnly(final Path directory, final StoreOptions options) {
        return LevelDbCopyStore.open(directory, LevelDbSettings.parse(options));
    }

    @Override
    public String readOnlyMethod() {
        return "a temporary copy of the directory, opened and then deleted: LevelDB has no read-only open";
    }
}

package io.merklebench.backends.lmdb;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;

/**
 * {@code lmdb}: LMDB through lmdbjava, files in the given directory.
 *
 * <p>Options and defaults ({@code --store-options name=value,...}):
 * <pre>
 * mapSizeBytes=1073741824        initial map size (1 GiB); doubled when full
 * maxMapSizeBytes=1099511627776  growth limit (1 TiB); past it a commit fails with a StoreException
 * writeMap=false                 MDB_WRITEMAP (LMDB's default: off)
 * noReadAhead=false              MDB_NORDAHEAD (LMDB's default: off)
 * </pre>
 * Keys are limited to LMDB's maximum key size (511 bytes). Stateless and thread-safe.
 */
public final class LmdbStoreFactory implements StoreFactory {
    public static final String NAME = "lmdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "LMDB (lmdbjava): copy-on-write B+tree in a memory map; durable commit = LMDB's synced commit";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public KvStore open(final Path directory, final StoreOptions options) {
        return LmdbStore.open(directory, LmdbSettings.parse(options));
    }

    @Override
    public KvStore openReadOnly(final Path directory, final StoreOptions options) {
        return LmdbStore.openReadOnly(directory, LmdbSettings.parse(options));
    }

    @Override
    public String readOnlyMethod() {
        return "LMDB with MDB_RDONLY and MDB_NOLOCK (data.mdb opened read-only, lock.mdb not touched)";
    }
}

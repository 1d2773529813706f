package io.merklebench.backends.rocksdb;

import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;

/**
 * {@code rocksdb}: RocksDB through rocksdbjni, files in the given directory.
 *
 * <p>Options and defaults ({@code --store-options name=value,...}):
 * <pre>
 * blockCacheBytes=33554432   LRU block cache (32 MiB, RocksDB's default)
 * compression=snappy         none, snappy, lz4, zstd or zlib (snappy is RocksDB's default)
 * writeBufferBytes=67108864  memtable size (64 MiB, RocksDB's default)
 * bloomBitsPerKey=10         Bloom filter bits per key; 0 turns the filter off (RocksDB's default is no filter)
 * </pre>
 * Stateless and thread-safe.
 */
public final class RocksDbStoreFactory implements StoreFactory {
    public static final String NAME = "rocksdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "RocksDB (rocksdbjni): LSM tree with a write-ahead log; durable commit = WAL fsync";
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public KvStore open(final Path directory, final StoreOptions options) {
        return RocksDbStore.open(directory, RocksDbSettings.parse(options));
    }

    @Override
    public KvStore openReadOnly(final Path directory, final StoreOptions options) {
        return RocksDbStore.openReadOnly(directory, RocksDbSettings.parse(options));
    }

    @Override
    public String readOnlyMethod() {
        return "RocksDB's read-only open (no lock, no MANIFEST or log written; its info log in a temporary directory)";
    }
}

package io.merklebench.backends.rocksdb;

import io.merklebench.backends.support.OptionChoices;
import io.merklebench.backends.support.SettingsMapBuilder;
import io.merklebench.core.store.StoreOptions;
import org.rocksdb.CompressionType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RocksDB options a benchmark may vary, parsed from {@link StoreOptions}. Defaults follow RocksDB's own except
 * the Bloom filter (RocksDB has none by default; every deployment that cares about missed reads adds one).
 *
 * <pre>
 * blockCacheBytes  LRU block cache size                     default 33554432 (32 MiB, RocksDB's default)
 * compression      none, snappy, lz4, zstd, zlib            default snappy (RocksDB's default)
 * writeBufferBytes memtable size before a flush to L0        default 67108864 (64 MiB, RocksDB's default)
 * bloomBitsPerKey  Bloom filter bits per key, 0 = no filter default 10 (about 1% false positives)
 * </pre>
 * Immutable.
 */
record RocksDbSettings(long blockCacheBytes, String compression, long writeBufferBytes, long bloomBitsPerKey) {
    static final String BLOCK_CACHE_BYTES = "blockCacheBytes";
    static final String COMPRESSION = "compression";
    static final String WRITE_BUFFER_BYTES = "writeBufferBytes";
    static final String BLOOM_BITS_PER_KEY = "bloomBitsPerKey";
    static final Set<String> NAMES = Set.of(BLOCK_CACHE_BYTES, COMPRESSION, WRITE_BUFFER_BYTES, BLOOM_BITS_PER_KEY);

    static final long DEFAULT_BLOCK_CACHE_BYTES = 32L << 20;
    static final String DEFAULT_COMPRESSION = "snappy";
    static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;
    static final long DEFAULT_BLOOM_BITS_PER_KEY = 10;
    private static final List<String> COMPRESSIONS = List.of("none", "snappy", "lz4", "zstd", "zlib");

    static RocksDbSettings parse(final StoreOptions options) {
        options.requireOnly(RocksDbStoreFactory.NAME, NAMES);
        return new RocksDbSettings(
            OptionChoices.bounded(options, BLOCK_CACHE_BYTES, DEFAULT_BLOCK_CACHE_BYTES, 0, 1L << 40),
            OptionChoices.choice(options, COMPRESSION, DEFAULT_COMPRESSION, COMPRESSIONS),
            OptionChoices.bounded(options, WRITE_BUFFER_BYTES, DEFAULT_WRITE_BUFFER_BYTES, 64L << 10, 1L << 36),
            OptionChoices.bounded(options, BLOOM_BITS_PER_KEY, DEFAULT_BLOOM_BITS_PER_KEY, 0, 64));
    }

    CompressionType compressionType() {
        return switch (compression) {
            case "none" -> CompressionType.NO_COMPRESSION;
            case "snappy" -> CompressionType.SNAPPY_COMPRESSION;
            case "lz4" -> CompressionType.LZ4_COMPRESSION;
            case "zstd" -> CompressionType.ZSTD_COMPRESSION;
            case "zlib" -> CompressionType.ZLIB_COMPRESSION;
            default -> throw new IllegalStateException("compression was validated at parse: " + compression);
        };
    }

    Map<String, String> asMap() {
        return new SettingsMapBuilder()
            .put(BLOCK_CACHE_BYTES, blockCacheBytes)
            .put(COMPRESSION, compression)
            .put(WRITE_BUFFER_BYTES, writeBufferBytes)
            .put(BLOOM_BITS_PER_KEY, bloomBitsPerKey)
            .build();
    }
}

package io.merklebench.backends.leveldb;

import io.merklebench.backends.support.OptionChoices;
import io.merklebench.backends.support.SettingsMapBuilder;
import io.merklebench.core.store.StoreOptions;
import org.iq80.leveldb.CompressionType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The LevelDB options a benchmark may vary, parsed from {@link StoreOptions}; every default is LevelDB's own.
 *
 * <pre>
 * cacheBytes        LRU block cache size                   default 8388608 (8 MiB)
 * compression       none or snappy                         default snappy
 * writeBufferBytes  memtable size before a flush to L0     default 4194304 (4 MiB)
 * blockBytes        uncompressed size of a table block     default 4096
 * </pre>
 * leveldbjni 1.8 exposes no filter policy, so LevelDB runs without a Bloom filter. Immutable.
 */
record LevelDbSettings(long cacheBytes, String compression, long writeBufferBytes, long blockBytes) {
    static final String CACHE_BYTES = "cacheBytes";
    static final String COMPRESSION = "compression";
    static final String WRITE_BUFFER_BYTES = "writeBufferBytes";
    static final String BLOCK_BYTES = "blockBytes";
    static final Set<String> NAMES = Set.of(CACHE_BYTES, COMPRESSION, WRITE_BUFFER_BYTES, BLOCK_BYTES);

    static final long DEFAULT_CACHE_BYTES = 8L << 20;
    static final String DEFAULT_COMPRESSION = "snappy";
    static final long DEFAULT_WRITE_BUFFER_BYTES = 4L << 20;
    static final long DEFAULT_BLOCK_BYTES = 4096;
    private static final List<String> COMPRESSIONS = List.of("none", "snappy");

    static LevelDbSettings parse(final StoreOptions options) {
        options.requireOnly(LevelDbStoreFactory.NAME, NAMES);
        return new LevelDbSettings(
            OptionChoices.bounded(options, CACHE_BYTES, DEFAULT_CACHE_BYTES, 0, 1L << 40),
            OptionChoices.choice(options, COMPRESSION, DEFAULT_COMPRESSION, COMPRESSIONS),
            // leveldbjni takes an int: the upper bound keeps the value exact.
            OptionChoices.bounded(options, WRITE_BUFFER_BYTES, DEFAULT_WRITE_BUFFER_BYTES, 64L << 10, 1L << 30),
            OptionChoices.bounded(options, BLOCK_BYTES, DEFAULT_BLOCK_BYTES, 1024, 4L << 20));
    }

    CompressionType compressionType() {
        return "none".equals(compression) ? CompressionType.NONE : CompressionType.SNAPPY;
    }

    Map<String, String> asMap() {
        return new SettingsMapBuilder()
            .put(CACHE_BYTES, cacheBytes)
            .put(COMPRESSION, compression)
            .put(WRITE_BUFFER_BYTES, writeBufferBytes)
            .put(BLOCK_BYTES, blockBytes)
            .build();
    }
}

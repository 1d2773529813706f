package io.merklebench.backends.lmdb;

import io.merklebench.backends.support.OptionChoices;
import io.merklebench.backends.support.SettingsMapBuilder;
import io.merklebench.core.store.StoreOptions;

import java.util.Map;
import java.util.Set;

/**
 * The LMDB options a benchmark may vary, parsed from {@link StoreOptions}.
 *
 * <pre>
 * mapSizeBytes     initial map size; doubled when a commit finds the map full     default 1073741824 (1 GiB)
 * maxMapSizeBytes  the map never grows past this; a commit that needs more fails   default 1099511627776 (1 TiB)
 * writeMap         MDB_WRITEMAP: write through the writable memory map             default false (LMDB's default)
 * noReadAhead      MDB_NORDAHEAD: no OS read-ahead, for data sets larger than RAM  default false (LMDB's default)
 * </pre>
 * The map is address space, not disk: the data file grows with the data (with {@code writeMap} it is a sparse file of
 * the map size). Immutable.
 */
record LmdbSettings(long mapSizeBytes, long maxMapSizeBytes, boolean writeMap, boolean noReadAhead) {
    static final String MAP_SIZE_BYTES = "mapSizeBytes";
    static final String MAX_MAP_SIZE_BYTES = "maxMapSizeBytes";
    static final String WRITE_MAP = "writeMap";
    static final String NO_READ_AHEAD = "noReadAhead";
    static final Set<String> NAMES = Set.of(MAP_SIZE_BYTES, MAX_MAP_SIZE_BYTES, WRITE_MAP, NO_READ_AHEAD);

    static final long DEFAULT_MAP_SIZE_BYTES = 1L << 30;
    static final long DEFAULT_MAX_MAP_SIZE_BYTES = 1L << 40;
    /** A few pages: LMDB needs room for its two meta pages and the first tree pages. */
    private static final long MIN_MAP_SIZE_BYTES = 64L << 10;
    /** Keeps the map within a 47-bit user address space with room to spare. */
    private static final long MAX_ALLOWED_MAP_SIZE_BYTES = 1L << 45;

    static LmdbSettings parse(final StoreOptions options) {
        options.requireOnly(LmdbStoreFactory.NAME, NAMES);
        final long mapSizeBytes = OptionChoices.bounded(
            options, MAP_SIZE_BYTES, DEFAULT_MAP_SIZE_BYTES, MIN_MAP_SIZE_BYTES, MAX_ALLOWED_MAP_SIZE_BYTES);
        final long maxMapSizeBytes = OptionChoices.bounded(options, MAX_MAP_SIZE_BYTES,
            Math.max(DEFAULT_MAX_MAP_SIZE_BYTES, mapSizeBytes), MIN_MAP_SIZE_BYTES, MAX_ALLOWED_MAP_SIZE_BYTES);
        if (maxMapSizeBytes < mapSizeBytes) {
            throw new IllegalArgumentException("store option maxMapSizeBytes must be at least mapSizeBytes: "
                + MAX_MAP_SIZE_BYTES + "=" + maxMapSizeBytes + " " + MAP_SIZE_BYTES + "=" + mapSizeBytes);
        }
        return new LmdbSettings(mapSizeBytes, maxMapSizeBytes,
            options.getBoolean(WRITE_MAP, false), options.getBoolean(NO_READ_AHEAD, false));
    }

    Map<String, String> asMap() {
        return new SettingsMapBuilder()
            .put(MAP_SIZE_BYTES, mapSizeBytes)
            .put(MAX_MAP_SIZE_BYTES, maxMapSizeBytes)
            .put(WRITE_MAP, writeMap)
            .put(NO_READ_AHEAD, noReadAhead)
            .build();
    }
}

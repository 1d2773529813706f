package io.merklebench.backends.mmap;

import io.merklebench.backends.support.OptionChoices;
import io.merklebench.backends.support.SettingsMapBuilder;
import io.merklebench.core.store.StoreOptions;

import java.util.Map;
import java.util.Set;

/**
 * The mmap store's options, parsed from {@link StoreOptions}.
 *
 * <pre>
 * initialFileBytes  size the log file is created with (allocated on disk, so a full disk is an error at growth and
 *                   never a fault in the mapping); it doubles when full, 1 GiB steps past 1 GiB, or grows by what a
 *                   record needs when the disk has no room for doubling
 *                   default 4194304 (4 MiB: open scans the unused tail of the file, so a small start keeps
 *                   open fast; doubling growth makes the number of growths logarithmic)
 * segmentBytes      size of each mapped window of the file, a power of two; records may span windows
 *                   default 1073741824 (1 GiB, the largest power of two one MappedByteBuffer can map)
 * </pre>
 * Immutable.
 */
record MmapSettings(long initialFileBytes, int segmentBytes) {
    static final String INITIAL_FILE_BYTES = "initialFileBytes";
    static final String SEGMENT_BYTES = "segmentBytes";
    static final Set<String> NAMES = Set.of(INITIAL_FILE_BYTES, SEGMENT_BYTES);

    static final long DEFAULT_INITIAL_FILE_BYTES = 4L << 20;
    static final int DEFAULT_SEGMENT_BYTES = 1 << 30;
    private static final long MIN_BYTES = 64L << 10;

    static MmapSettings parse(final StoreOptions options) {
        options.requireOnly(MmapStoreFactory.NAME, NAMES);
        final long initialFileBytes = OptionChoices.bounded(
            options, INITIAL_FILE_BYTES, DEFAULT_INITIAL_FILE_BYTES, MIN_BYTES, 1L << 44);
        final long segmentBytes = OptionChoices.bounded(options, SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES, MIN_BYTES, 1L << 30);
        if (Long.bitCount(segmentBytes) != 1) {
            throw new IllegalArgumentException("store option segmentBytes must be a power of two: "
                + SEGMENT_BYTES + "=" + options.getString(SEGMENT_BYTES, ""));
        }
        return new MmapSettings(initialFileBytes, (int)segmentBytes);
    }

    Map<String, String> asMap() {
        return new SettingsMapBuilder()
            .put(INITIAL_FILE_BYTES, initialFileBytes)
            .put(SEGMENT_BYTES, segmentBytes)
            .build();
    }
}

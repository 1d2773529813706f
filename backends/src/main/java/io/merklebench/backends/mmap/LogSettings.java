package io.merklebench.backends.mmap;

import io.merklebench.backends.support.OptionChoices;
import io.merklebench.backends.support.SettingsMapBuilder;
import io.merklebench.core.store.StoreOptions;

import java.util.Map;
import java.util.Set;

/**
 * The options of the record-log stores ({@code mmap}, {@code agrona}, {@code chronicle}), parsed from
 * {@link StoreOptions}.
 *
 * <pre>
 * initialFileBytes  size the log file is created with (allocated on disk, so a full disk is an error at growth and
 *                   never a fault in the mapping); it doubles when full, 1 GiB steps past 1 GiB, or grows by what a
 *                   record needs when the disk has no room for doubling
 *                   default 4194304 (4 MiB: open scans the unused tail of the file, so a small start keeps
 *                   open fast; doubling growth makes the number of growths logarithmic)
 * maxFileBytes      the largest the log file may become: a commit that would grow it past this is refused, and an
 *                   existing file larger than this is not opened (each with both sizes in the message)
 *                   default 1099511627776 (1 TiB)
 * segmentBytes      size of each mapped window of the file, a power of two from 64 KiB to 1 GiB; records may span
 *                   windows
 *                   default 1073741824 (1 GiB, the largest power of two one MappedByteBuffer can map) for mmap and
 *                   agrona; 16777216 (16 MiB) for chronicle, which maps and allocates whole windows only, so its
 *                   file is never smaller than one
 * </pre>
 * Immutable.
 */
record LogSettings(long initialFileBytes, long maxFileBytes, int segmentBytes) {
    static final String INITIAL_FILE_BYTES = "initialFileBytes";
    static final String MAX_FILE_BYTES = "maxFileBytes";
    static final String SEGMENT_BYTES = "segmentBytes";
    static final Set<String> NAMES = Set.of(INITIAL_FILE_BYTES, MAX_FILE_BYTES, SEGMENT_BYTES);
    static final long DEFAULT_MAX_FILE_BYTES = 1L << 40;

    static final long DEFAULT_INITIAL_FILE_BYTES = 4L << 20;
    static final int DEFAULT_SEGMENT_BYTES = 1 << 30;
    static final int CHRONICLE_DEFAULT_SEGMENT_BYTES = 16 << 20;
    private static final long MIN_BYTES = 64L << 10;

    static LogSettings parse(final String storeName, final StoreOptions options, final int defaultSegmentBytes) {
        options.requireOnly(storeName, NAMES);
        final long initialFileBytes = OptionChoices.bounded(
            options, INITIAL_FILE_BYTES, DEFAULT_INITIAL_FILE_BYTES, MIN_BYTES, 1L << 44);
        final long maxFileBytes = OptionChoices.bounded(
            options, MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES, MIN_BYTES, 1L << 44);
        if (initialFileBytes > maxFileBytes) {
            throw new IllegalArgumentException("store option initialFileBytes=" + initialFileBytes
                + " is above maxFileBytes=" + maxFileBytes);
        }
        final long segmentBytes = OptionChoices.bounded(options, SEGMENT_BYTES, defaultSegmentBytes, MIN_BYTES, 1L << 30);
        if (Long.bitCount(segmentBytes) != 1) {
            throw new IllegalArgumentException("store option segmentBytes must be a power of two: "
                + SEGMENT_BYTES + "=" + options.getString(SEGMENT_BYTES, ""));
        }
        return new LogSettings(initialFileBytes, maxFileBytes, (int)segmentBytes);
    }

    Map<String, String> asMap() {
        return new SettingsMapBuilder()
            .put(INITIAL_FILE_BYTES, initialFileBytes)
            .put(MAX_FILE_BYTES, maxFileBytes)
            .put(SEGMENT_BYTES, segmentBytes)
            .build();
    }
}

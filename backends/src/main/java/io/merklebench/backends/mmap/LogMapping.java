package io.merklebench.backends.mmap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * How a record-log store maps its file and touches the mapped bytes: the one part in which the {@code mmap},
 * {@code agrona} and {@code chronicle} stores differ. The record format, recovery, growth, space checks and the index
 * exist once ({@link MappedLogFile}, {@link LogRecovery}, {@link RecordCodec}, {@link RecordLogStore}); a mapping only
 * maps segments of the file and reads, writes and msyncs inside one segment.
 *
 * <p>Offsets given to a {@link Segment} are relative to its start and always inside it: {@link MappedLogFile} splits
 * every access at segment boundaries, so a segment need not check bounds again.
 */
interface LogMapping {
    /** The store's name ({@code mmap}, {@code agrona}, {@code chronicle}), for its messages, lock and options. */
    String storeName();

    /** What the store's listing says about how it maps and syncs. */
    String description();

    /**
     * Starts mapping {@code file}, already open as {@code channel} (read-only when {@code readOnly}), in segments of
     * {@code segmentBytes} (a power of two, at most 1 GiB).
     */
    FileMapping open(Path file, FileChannel channel, int segmentBytes, boolean readOnly) throws IOException;

    /** The mappings of one file. Used by the store's writer thread; its segments are read from any thread. */
    interface FileMapping extends AutoCloseable {
        /**
         * The file's length is kept a multiple of this: the OS page for a mapping that maps any length, the whole
         * segment for one that maps only whole segments (chronicle).
         */
        long lengthUnitBytes();

        /** Maps {@code [start, start + length)} of the file; {@code start} is a multiple of the segment size. */
        Segment map(long start, int length) throws IOException;

        /**
         * Releases every segment this mapping made, also those replaced by longer ones since. Runs when no reader
         * can hold a segment any more (the store's close, under its guard).
         */
        @Override
        void close();
    }

    /** One mapped window of the file. Thread-safe for reads of bytes that are no longer written. */
    interface Segment {
        int capacity();

        void get(int segmentOffset, byte[] target, int targetOffset, int length);

        void put(int segmentOffset, byte[] source, int sourceOffset, int length);

        /** The little-endian long at {@code segmentOffset}, a multiple of 8. */
        long getLong(int segmentOffset);

        /** The little-endian int at {@code segmentOffset}, a multiple of 4. */
        int getInt(int segmentOffset);

        /** Writes the dirty pages of the range to the device (msync) and waits. */
        void force(int segmentOffset, int length) throws IOException;
    }
}

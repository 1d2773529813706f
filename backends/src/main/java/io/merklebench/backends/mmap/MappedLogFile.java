package io.merklebench.backends.mmap;

import io.merklebench.backends.support.FilePreallocator;
import io.merklebench.core.store.DiskSpace;
import io.merklebench.core.store.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file mapped into memory as consecutive segments of {@code segmentBytes} (a power of two up to 1 GiB, because
 * one {@link java.nio.MappedByteBuffer} spans at most 2 GiB), read and written at absolute file offsets; a read or
 * write may span segments. The file grows by allocation ({@link FilePreallocator}) and remapping. How a segment is
 * mapped and touched is the store's {@link LogMapping}; the splitting at segment boundaries, the growth and the space
 * checks are here, once for every mapping.
 *
 * <p>Space: every byte that is mapped is allocated on disk before it is mapped, and growth first checks the free
 * space ({@link DiskSpace}): a full disk is then a {@link io.merklebench.core.store.NoSpaceException} at growth, before
 * the record is written, instead of a {@code SIGBUS} on a store into a sparse page of the mapping (which the JVM
 * reports as {@code InternalError: a fault occurred in a recent unsafe memory access}). When doubling does not fit,
 * the file grows by just what the record needs, so the log can use the last free bytes.
 *
 * <p>Thread safety: reads may run from any thread, concurrently with one writer thread that writes, forces and
 * grows. Segments replaced by growth are not released before {@link #close()}: a reader may still hold them, and they
 * map the same file pages.
 */
final class MappedLogFile implements AutoCloseable {
    /** Growth step cap: the file doubles until it is 1 GiB, then grows 1 GiB at a time. */
    private static final long MAX_GROWTH_BYTES = 1L << 30;
    private final Path file;
    private final String storeName;
    private final DiskSpace space;
    private final FileChannel channel;
    /** READ_ONLY for {@link #openReadOnly}: the file is never grown, written or forced. */
    private final boolean readOnly;
    /** The largest the file may grow ({@code maxFileBytes}); {@link Long#MAX_VALUE} for a read-only open. */
    private final long maxLengthBytes;
    private final int segmentShift;
    private final long segmentMask;
    /** Set once the mapping is open; null only while {@link #open} fails. */
    private LogMapping.FileMapping mapping;
    private long lengthUnitBytes;
    private volatile LogMapping.Segment[] segments;
    private volatile long lengthBytes;

    private MappedLogFile(final Path file, final String storeName, final FileChannel channel, final int segmentBytes,
                          final long maxLengthBytes, final boolean readOnly) {
        this.file = file;
        this.storeName = storeName;
        this.space = DiskSpace.of(file.toAbsolutePath().getParent());
        this.channel = channel;
        this.readOnly = readOnly;
        this.maxLengthBytes = maxLengthBytes;
        this.segmentShift = Integer.numberOfTrailingZeros(segmentBytes);
        this.segmentMask = segmentBytes - 1L;
        this.segments = new LogMapping.Segment[0];
    }

    /**
     * Opens or creates {@code file}, at least {@code initialBytes} long and never longer than {@code maxBytes}, mapped
     * by {@code mapping} in segments of {@code segmentBytes}.
     */
    static MappedLogFile open(final Path file, final LogMapping mapping, final long initialBytes, final long maxBytes,
                              final int segmentBytes) {
        requirePowerOfTwo(segmentBytes);
        final FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (final IOException e) {
            throw new StoreException(mapping.storeName() + " log file could not be opened: " + file.toAbsolutePath(), e);
        }
        final MappedLogFile log = new MappedLogFile(file, mapping.storeName(), channel, segmentBytes, maxBytes, false);
        try {
            final long existingBytes = channel.size();
            if (existingBytes > maxBytes) {
                throw new StoreException(mapping.storeName() + " log file is " + existingBytes
                    + " bytes, above the store option maxFileBytes=" + maxBytes + ": " + file.toAbsolutePath());
            }
            log.lengthBytes = 0;
            log.mapping = mapping.open(file, channel, segmentBytes, false);
            log.lengthUnitBytes = log.mapping.lengthUnitBytes();
            final long mappedBytes = Math.max(log.roundUpToUnit(initialBytes), log.roundUpToUnit(existingBytes));
            if (mappedBytes > maxBytes) {
                throw new StoreException(mapping.storeName() + " log file would be mapped as " + mappedBytes
                    + " bytes (whole units of " + log.lengthUnitBytes + "), above the store option maxFileBytes="
                    + maxBytes + ": " + file.toAbsolutePath());
            }
            // Allocated before anything is mapped: chronicle extends the file to a whole chunk when it maps one.
            log.allocate(existingBytes, mappedBytes);
            log.remap(mappedBytes);
            return log;
        } catch (final StoreException e) {
            log.close();
            throw e;
        } catch (final IOException | RuntimeException e) {
            log.close();
            throw new StoreException(mapping.storeName() + " log file could not be mapped: " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Opens the existing {@code file} for reading only: a read-only channel and read-only mappings of exactly its
     * length (no growth to a page multiple, nothing written, so neither its bytes nor its modification time change).
     */
    static MappedLogFile openReadOnly(final Path file, final LogMapping mapping, final int segmentBytes) {
        requirePowerOfTwo(segmentBytes);
        final FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (final IOException e) {
            throw new StoreException(mapping.storeName() + " log file could not be opened for reading: "
                + file.toAbsolutePath(), e);
        }
        final MappedLogFile log = new MappedLogFile(file, mapping.storeName(), channel, segmentBytes, Long.MAX_VALUE,
            true);
        try {
            log.mapping = mapping.open(file, channel, segmentBytes, true);
            log.lengthUnitBytes = log.mapping.lengthUnitBytes();
            log.remap(channel.size());
            return log;
        } catch (final IOException | RuntimeException e) {
            log.close();
            throw new StoreException(mapping.storeName() + " log file could not be mapped for reading: "
                + file.toAbsolutePath(), e);
        }
    }

    private static void requirePowerOfTwo(final int segmentBytes) {
        if (Integer.bitCount(segmentBytes) != 1) {
            throw new IllegalArgumentException("segmentBytes must be a power of two: segmentBytes=" + segmentBytes);
        }
    }

    boolean readOnly() {
        return readOnly;
    }

    Path file() {
        return file;
    }

    /** The store's name, for messages about this log. */
    String storeName() {
        return storeName;
    }

    long lengthBytes() {
        return lengthBytes;
    }

    /**
     * Grows the file so that it holds at least {@code requiredBytes}: doubling (1 GiB steps past 1 GiB) when the disk
     * has room for that and it stays within the maximum, else by what is required. Writer thread only.
     *
     * @throws io.merklebench.core.store.NoSpaceException when the disk cannot hold even the required growth; the
     *                                                    file is then as before (its mapped length unchanged)
     * @throws StoreException when the required length is above the maximum (the file is then as before)
     */
    void ensureLength(final long requiredBytes) {
        final long current = lengthBytes;
        if (requiredBytes <= current) {
            return;
        }
        if (roundUpToUnit(requiredBytes) > maxLengthBytes) {
            throw new StoreException(storeName + " log file would grow from " + current + " to " + requiredBytes
                + " bytes, above the store option maxFileBytes=" + maxLengthBytes + ": " + file.toAbsolutePath());
        }
        final long doubled = Math.min(maxLengthBytes & -lengthUnitBytes,
            roundUpToUnit(Math.max(requiredBytes, current + Math.min(current, MAX_GROWTH_BYTES))));
        final long grown = doubled - current <= space.usableBytes() ? doubled : roundUpToUnit(requiredBytes);
        try {
            allocate(current, grown);
            remap(grown);
        } catch (final IOException e) {
            throw new StoreException(storeName + " log file could not grow from lengthBytes=" + current + " to " + grown
                + ": " + file.toAbsolutePath(), e);
        }
    }

    /** Checks the free space for, then allocates, {@code [fromBytes, toBytes)} of the file, which holds no data yet. */
    private void allocate(final long fromBytes, final long toBytes) {
        if (toBytes <= fromBytes) {
            return;
        }
        final long bytes = toBytes - fromBytes;
        final String what = storeName + " log growth from " + fromBytes + " to " + toBytes + " bytes";
        space.require(bytes, what);
        try {
            FilePreallocator.allocate(file, channel, fromBytes, bytes);
        } catch (final IOException e) {
            if (DiskSpace.isNoSpace(e)) {
                throw space.refused(bytes, what, e);
            }
            throw new StoreException(storeName + " log file could not allocate " + what + ": " + file.toAbsolutePath(), e);
        }
    }

    void read(final long fileOffset, final byte[] target, final int targetOffset, final int length) {
        final LogMapping.Segment[] mapped = segments;
        long offset = fileOffset;
        int done = 0;
        while (done < length) {
            final int segmentOffset = (int)(offset & segmentMask);
            final LogMapping.Segment segment = mapped[(int)(offset >>> segmentShift)];
            final int piece = Math.min(length - done, segment.capacity() - segmentOffset);
            segment.get(segmentOffset, target, targetOffset + done, piece);
            done += piece;
            offset += piece;
        }
    }

    void write(final long fileOffset, final byte[] source, final int sourceOffset, final int length) {
        final LogMapping.Segment[] mapped = segments;
        long offset = fileOffset;
        int done = 0;
        while (done < length) {
            final int segmentOffset = (int)(offset & segmentMask);
            final LogMapping.Segment segment = mapped[(int)(offset >>> segmentShift)];
            final int piece = Math.min(length - done, segment.capacity() - segmentOffset);
            segment.put(segmentOffset, source, sourceOffset + done, piece);
            done += piece;
            offset += piece;
        }
    }

    /** The little-endian long at {@code fileOffset}, which must be a multiple of 8. */
    long readLong(final long fileOffset) {
        return segments[(int)(fileOffset >>> segmentShift)].getLong((int)(fileOffset & segmentMask));
    }

    /** The little-endian int at {@code fileOffset}, which must be a multiple of 4. */
    int readInt(final long fileOffset) {
        return segments[(int)(fileOffset >>> segmentShift)].getInt((int)(fileOffset & segmentMask));
    }

    /** Writes the dirty pages of {@code [fileOffset, fileOffset + length)} to the device (msync) and waits. */
    void force(final long fileOffset, final long length) {
        final LogMapping.Segment[] mapped = segments;
        long offset = fileOffset;
        long remaining = length;
        try {
            while (remaining > 0) {
                final int segmentOffset = (int)(offset & segmentMask);
                final LogMapping.Segment segment = mapped[(int)(offset >>> segmentShift)];
                final int piece = (int)Math.min(remaining, segment.capacity() - segmentOffset);
                segment.force(segmentOffset, piece);
                remaining -= piece;
                offset += piece;
            }
        } catch (final IOException e) {
            throw new StoreException(storeName + " msync failed at fileOffset=" + fileOffset + " length=" + length + ": "
                + file.toAbsolutePath(), e);
        }
    }

    /** fsync of the file with its metadata (size), used after creating or cutting the file. */
    void forceFileAndMetadata() {
        try {
            channel.force(true);
        } catch (final IOException e) {
            throw new StoreException(storeName + " fsync failed: " + file.toAbsolutePath(), e);
        }
    }

    /** Releases the mappings (callers guarantee no read is in flight) and closes the file. */
    @Override
    public void close() {
        segments = new LogMapping.Segment[0];
        try {
            if (mapping != null) {
                mapping.close();
            }
        } finally {
            try {
                channel.close();
            } catch (final IOException e) {
                throw new StoreException(storeName + " log file could not be closed: " + file.toAbsolutePath(), e);
            }
        }
    }

    private void remap(final long newLengthBytes) throws IOException {
        final long segmentBytes = segmentMask + 1;
        final int segmentCount = (int)((newLengthBytes + segmentBytes - 1) >>> segmentShift);
        final LogMapping.Segment[] old = segments;
        final LogMapping.Segment[] grown = new LogMapping.Segment[segmentCount];
        for (int i = 0; i < segmentCount; i++) {
            final long start = (long)i << segmentShift;
            final int size = (int)Math.min(segmentBytes, newLengthBytes - start);
            // A mapping may map more than asked (chronicle maps whole chunks): what it maps is its capacity.
            if (i < old.length && old[i].capacity() >= size) {
                grown[i] = old[i];
            } else {
                grown[i] = mapping.map(start, size);
            }
        }
        segments = grown;
        lengthBytes = newLengthBytes;
    }

    private long roundUpToUnit(final long bytes) {
        return (bytes + lengthUnitBytes - 1) & -lengthUnitBytes;
    }
}

package io.merklebench.paged;

import io.merklebench.core.store.DiskSpace;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static io.merklebench.paged.PageLayout.*;

/**
 * Pages in one memory-mapped file ({@code pages.dat}): two header slots, then page {@code i} at
 * {@link PageLayout#pageOffset}. Plain {@link MappedByteBuffer}s from {@link FileChannel#map}: no extra dependency,
 * ranged {@link MappedByteBuffer#force(int, int)} (an {@code msync} of just the dirty range) since JDK 13, and
 * absolute bulk gets and puts; chronicle-bytes or agrona would add a wrapper, not a capability this file needs.
 *
 * <p>The file is mapped in segments of {@code segmentLength} bytes (default 1 GiB, a multiple of the page length,
 * so no page straddles two); a new segment is mapped, and the file extended (sparse), when a page beyond the
 * mapped end is written. One {@code MappedByteBuffer} cannot exceed 2 GiB, hence segments rather than one mapping.
 *
 * <p>Pages and headers are written with positional writes to the file and read through the mapping (see
 * {@link #writeFully} for why not through the mapping).
 *
 * <p>Commit order: the dirty pages are forced, then the header goes to the older slot and that 4 KiB block is forced:
 * exactly 2 syncs per durable commit. Pages in one segment are forced with a ranged {@code msync} of the dirty range;
 * pages spread over several segments with one {@code fdatasync} of the file ({@link FileChannel#force}), which on
 * Linux also writes back pages dirtied through a shared mapping (the kernel marks them dirty in the page cache on the
 * first write; {@code msync} itself ends in the same range sync). Java only promises this for {@code force} on the
 * mapped buffer, so on other systems use segments large enough for the file (the segment length is a constructor
 * argument, the {@code pagefile} store's {@code segmentBytes} option). Mappings are released by the garbage collector
 * after {@link #close()} (the JDK offers no supported unmap).
 *
 * <p>Space: nothing is ever stored into the mapping, so the sparse segments beyond the written pages cannot fault:
 * a read of a hole reads zeros, and every write is a positional write, which the file system refuses with
 * {@code ENOSPC} when the disk is full, before the commit header that would make the save visible. That refusal is a
 * {@link io.merklebench.core.store.NoSpaceException}; the file still opens at its last committed header (the copy-on-write
 * pages of the failed save are unreferenced, like after a crash). No free-space check before each page: the write
 * itself is the check, and a {@code statvfs} per 4 KiB page would cost more than the write.
 *
 * <p>While open, the file holds an exclusive OS lock on itself ({@link FileChannel#tryLock()}), so a second open
 * from this JVM or another process fails with a clear message instead of two writers corrupting it; the OS drops the
 * lock when the process dies, so a killed run leaves none behind.
 *
 * <p>Thread-safety: see {@link PageStore}.
 */
public final class MappedPageFile implements PageStore {
    public static final String FILE_NAME = "pages.dat";
    public static final long DEFAULT_SEGMENT_LENGTH = 1L << 30;

    private final Path file;
    private final int pageLength;
    private final long segmentLength;
    private final StoreCounters counters;
    private final DiskSpace space;
    private final FileChannel channel;
    /** Opened by {@link #openReadOnly}: read-only channel and mappings, a shared lock, writes refused. */
    private final boolean readOnly;
    private final List<MappedByteBuffer> segments = new ArrayList<>();
    /** Per segment, the dirty byte range [from, to) since the last commit; from = Long.MAX_VALUE when clean. */
    private long[] dirtyFrom = new long[0];
    private long[] dirtyTo = new long[0];
    private int nextHeaderSlot;
    private boolean closed;

    public MappedPageFile(final Path file, final int pageLength, final StoreCounters counters) {
        this(file, pageLength, DEFAULT_SEGMENT_LENGTH, counters);
    }

    public MappedPageFile(final Path file, final int pageLength, final long segmentLength, final StoreCounters counters) {
        this(file, pageLength, segmentLength, counters, false);
    }

    /**
     * Opens an existing page file for reading only ({@code mbench inspect} and {@code verify}): a read-only channel,
     * read-only mappings of exactly the file's length, and a shared lock, so writers stay out and other readers may
     * come; nothing in the file or its modification time changes. Writes and commits are refused.
     */
    public static MappedPageFile openReadOnly(final Path file, final int pageLength, final long segmentLength,
                                              final StoreCounters counters) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no page file to open read-only: file=" + file.toAbsolutePath());
        }
        return new MappedPageFile(file, pageLength, segmentLength, counters, true);
    }

    private MappedPageFile(final Path file, final int pageLength, final long segmentLength,
                           final StoreCounters counters, final boolean readOnly) {
        if (segmentLength % pageLength != 0 || segmentLength % ((long)HEADER_SLOT_COUNT * HEADER_SLOT_LENGTH) != 0
            || segmentLength > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segmentLength must be a multiple of pageLength and of 8192, at most 2 GiB: "
                + "segmentLength=" + segmentLength + " pageLength=" + pageLength);
        }
        this.file = file.toAbsolutePath();
        this.pageLength = pageLength;
        this.segmentLength = segmentLength;
        this.counters = counters;
        this.readOnly = readOnly;
        try {
            if (readOnly) {
                this.channel = FileChannel.open(this.file, StandardOpenOption.READ);
            } else {
                Files.createDirectories(this.file.getParent());
                this.channel = FileChannel.open(this.file,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            this.space = DiskSpace.of(this.file.getParent());
            lockOrClose();
            final long existingLength = channel.size();
            final int existingSegments = (int)((existingLength + segmentLength - 1) / segmentLength);
            if (readOnly && existingLength < (long)HEADER_SLOT_COUNT * HEADER_SLOT_LENGTH) {
                channel.close();
                throw new StoreException("page file is shorter than its commit headers: length=" + existingLength
                    + " " + location());
            }
            for (int i = 0; i < Math.max(1, existingSegments); i++) {
                mapSegment(i);
            }
        } catch (final IOException e) {
            throw new StoreException("could not open page file (paged tree pages and headers): file=" + this.file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public int pageLength() {
        return pageLength;
    }

    @Override
    public String location() {
        return "file=" + file;
    }

    @Override
    public Page readPage(final int pageIndex, final Page page) {
        final long pageOffset = pageOffset(pageIndex, pageLength);
        final int segmentIndex = (int)(pageOffset / segmentLength);
        if (pageIndex < 0 || segmentIndex >= segments.size()
            || pageOffset % segmentLength + pageLength > segments.get(segmentIndex).capacity()) {
            throw new StoreException("page beyond the end of the page file: pageIndex=" + pageIndex
                + " pageOffset=" + pageOffset + " " + location());
        }
        return page.wrap(segments.get(segmentIndex), (int)(pageOffset % segmentLength), pageLength);
    }

    @Override
    public void writePage(final int pageIndex, final byte[] pageBytes) {
        ensureWritable();
        final long pageOffset = pageOffset(pageIndex, pageLength);
        final int segmentIndex = (int)(pageOffset / segmentLength);
        while (segments.size() <= segmentIndex) {
            mapSegment(segments.size());
        }
        final int offsetInSegment = (int)(pageOffset % segmentLength);
        writeFully(ByteBuffer.wrap(pageBytes, 0, pageLength), pageOffset);
        dirtyFrom[segmentIndex] = Math.min(dirtyFrom[segmentIndex], offsetInSegment);
        dirtyTo[segmentIndex] = Math.max(dirtyTo[segmentIndex], offsetInSegment + pageLength);
        counters.recordBytesWritten(pageLength);
    }

    @Override
    public void freePage(final int pageIndex) {
        // The bytes stay; the page index goes back to the tree's free list and is overwritten when reused.
    }

    @Override
    public byte[] readHeader() {
        ensureOpen();
        final MappedByteBuffer first = segments.get(0);
        final byte[] slots = new byte[HEADER_SLOT_COUNT * HEADER_SLOT_LENGTH];
        first.get(0, slots, 0, slots.length);
        final String problem0 = CommitHeader.problem(slots, 0);
        final String problem1 = CommitHeader.problem(slots, HEADER_SLOT_LENGTH);
        final int newest;
        if (problem0 == null && problem1 == null) {
            newest = CommitHeader.sequenceOf(slots, 0) >= CommitHeader.sequenceOf(slots, HEADER_SLOT_LENGTH) ? 0 : 1;
        } else if (problem0 == null) {
            newest = 0;
        } else if (problem1 == null) {
            newest = 1;
        } else if (CommitHeader.ALL_ZERO.equals(problem0) && CommitHeader.ALL_ZERO.equals(problem1)) {
            nextHeaderSlot = 0;
            return null;
        } else {
            throw new StoreException("no valid commit header in the page file: slot0: " + problem0
                + "; slot1: " + problem1 + " " + location());
        }
        nextHeaderSlot = 1 - newest;
        final byte[] header = new byte[HEADER_LENGTH];
        System.arraycopy(slots, newest * HEADER_SLOT_LENGTH, header, 0, HEADER_LENGTH);
        return header;
    }

    @Override
    public void commit(final byte[] header, final boolean durable) {
        ensureWritable();
        if (durable) {
            syncPages();
        }
        clearDirty();
        final int slotOffset = nextHeaderSlot * HEADER_SLOT_LENGTH;
        final MappedByteBuffer first = segments.get(0);
        writeFully(ByteBuffer.wrap(header, 0, HEADER_LENGTH), slotOffset);
        if (durable) {
            first.force(slotOffset, HEADER_SLOT_LENGTH);
            counters.recordSync();
        }
        counters.recordBytesWritten(HEADER_LENGTH);
        counters.recordCommit();
        nextHeaderSlot = 1 - nextHeaderSlot;
    }

    @Override
    public StoreCounters counters() {
        return counters;
    }

    /** The file's length (the mapped segments; sparse, so blocks on disk may be fewer). */
    @Override
    public long sizeBytes() {
        try {
            return channel.size();
        } catch (final IOException e) {
            throw new StoreException("could not read the page file size: " + location(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        segments.clear();
        try {
            channel.close();
        } catch (final IOException e) {
            throw new StoreException("could not close the page file: " + location(), e);
        }
    }

    private void mapSegment(final int segmentIndex) {
        try {
            final long start = segmentIndex * segmentLength;
            // A read-only mapping cannot extend the file: its last segment maps what is there.
            segments.add(readOnly
                ? channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(segmentLength, channel.size() - start))
                : channel.map(FileChannel.MapMode.READ_WRITE, start, segmentLength));
        } catch (final IOException e) {
            throw new StoreException("could not map page file segment: segmentIndex=" + segmentIndex
                + " segmentLength=" + segmentLength + " " + location(), e);
        }
        if (dirtyFrom.length < segments.size()) {
            final int oldLength = dirtyFrom.length;
            dirtyFrom = java.util.Arrays.copyOf(dirtyFrom, segments.size() * 2);
            dirtyTo = java.util.Arrays.copyOf(dirtyTo, segments.size() * 2);
            java.util.Arrays.fill(dirtyFrom, oldLength, dirtyFrom.length, Long.MAX_VALUE);
        }
    }

    /** One msync of the dirty range when one segment is dirty; one fdatasync of the file when several are. */
    private void syncPages() {
        int dirtySegment = -1;
        int dirtySegmentCount = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (dirtyFrom[i] < dirtyTo[i]) {
                dirtySegment = i;
                dirtySegmentCount++;
            }
        }
        if (dirtySegmentCount == 1) {
            segments.get(dirtySegment).force((int)dirtyFrom[dirtySegment], (int)(dirtyTo[dirtySegment] - dirtyFrom[dirtySegment]));
            counters.recordSync();
        } else if (dirtySegmentCount > 1) {
            try {
                channel.force(false);
            } catch (final IOException e) {
                if (DiskSpace.isNoSpace(e)) {
                    throw space.refused(pageLength, "syncing the page file " + file, e);
                }
                throw new StoreException("could not sync the page file: " + location(), e);
            }
            counters.recordSync();
        }
    }

    /**
     * A positional write through the file, not a store into the mapping: a store dirties the whole page-cache folio
     * the mapped page sits in, and on kernels that cache files in large folios (ext4 on Linux 6.x) a save's scattered
     * 4 KiB pages then wrote back about 10x their bytes. Reads still go through the mapping, which shows the written
     * bytes at once (one page cache).
     */
    private void writeFully(final ByteBuffer bytes, final long fileOffset) {
        try {
            long position = fileOffset;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (final IOException e) {
            if (DiskSpace.isNoSpace(e)) {
                throw space.refused(bytes.remaining(), "writing " + bytes.remaining() + " bytes of the page file "
                    + file + " at fileOffset=" + fileOffset, e);
            }
            throw new StoreException("could not write the page file at fileOffset=" + fileOffset + ": " + location(), e);
        }
    }

    private void clearDirty() {
        java.util.Arrays.fill(dirtyFrom, Long.MAX_VALUE);
        java.util.Arrays.fill(dirtyTo, 0);
    }

    private void lockOrClose() throws IOException {
        String openElsewhere;
        try {
            if (channel.tryLock(0, Long.MAX_VALUE, readOnly) != null) {
                return;
            }
            openElsewhere = readOnly ? "page file is open for writing in another process: "
                : "page file is already open in another process: ";
        } catch (final OverlappingFileLockException e) {
            openElsewhere = "page file is already open in this JVM (close it first): ";
        } catch (final IOException e) {
            channel.close();
            throw e;
        }
        channel.close();
        throw new StoreException(openElsewhere + location());
    }

    private void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new StoreException("page file is open read-only: a write was refused " + location());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("page file is closed: " + location());
        }
    }
}

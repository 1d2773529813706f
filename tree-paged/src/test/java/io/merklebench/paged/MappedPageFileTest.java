package io.merklebench.paged;

import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class MappedPageFileTest {
    private static final int PAGE_LENGTH = 4096;
    private static final long SEGMENT_LENGTH = 64 * 1024;

    @TempDir
    Path directory;

    private static byte[] page(final int pageIndex) {
        final byte[] bytes = new byte[PAGE_LENGTH];
        final Page page = new Page().wrap(ByteBuffer.wrap(bytes), 0, PAGE_LENGTH);
        page.putHeader(PageLayout.KIND_OVERFLOW, 0, pageIndex, 1, 0, PageLayout.NULL_PAGE_INDEX);
        page.sealChecksum();
        return bytes;
    }

    private static byte[] header(final long sequence) {
        return new CommitHeader(PAGE_LENGTH, 15, sequence, 100 + sequence, PageLayout.NULL_PAGE_INDEX,
            new byte[32], 0, 1, 40).encode();
    }

    @Test
    void shouldGrowAcrossSegmentsAndKeepPagesAfterReopen() {
        final Path file = directory.resolve("pages.dat");
        final StoreCounters counters = new StoreCounters();
        try (MappedPageFile pages = new MappedPageFile(file, PAGE_LENGTH, SEGMENT_LENGTH, counters)) {
            assertNull(pages.readHeader(), "a new file has no header");
            for (final int pageIndex : new int[] {0, 13, 39}) {
                pages.writePage(pageIndex, page(pageIndex));
            }
            pages.commit(header(1), true);
            assertEquals(2, counters.syncCount(), "pages in three segments: one fdatasync, then the header msync");
            assertEquals(3L * PAGE_LENGTH + PageLayout.HEADER_LENGTH, counters.bytesWritten());
        }
        try (MappedPageFile pages = new MappedPageFile(file, PAGE_LENGTH, SEGMENT_LENGTH, new StoreCounters())) {
            assertEquals(1, CommitHeader.decode(pages.readHeader()).sequence());
            assertEquals(39, pages.readPage(39, new Page()).pageIndex());
            assertEquals(pages.readPage(13, new Page()).storedChecksum(), pages.readPage(13, new Page()).computeChecksum());
            final StoreException beyond = assertThrows(StoreException.class, () -> pages.readPage(100_000, new Page()));
            assertTrue(beyond.getMessage().contains("pageIndex=100000") && beyond.getMessage().contains(file.toAbsolutePath().toString()),
                beyond.getMessage());
        }
    }

    @Test
    void shouldAlternateHeaderSlotsAndReadTheNewest() {
        final Path file = directory.resolve("pages.dat");
        try (MappedPageFile pages = new MappedPageFile(file, PAGE_LENGTH, SEGMENT_LENGTH, new StoreCounters())) {
            pages.readHeader();
            pages.commit(header(1), false);
            pages.commit(header(2), false);
            pages.commit(header(3), false);
            assertEquals(3, CommitHeader.decode(pages.readHeader()).sequence());
        }
        try (MappedPageFile pages = new MappedPageFile(file, PAGE_LENGTH, SEGMENT_LENGTH, new StoreCounters())) {
            assertEquals(103, CommitHeader.decode(pages.readHeader()).version());
            pages.commit(header(4), false);
            assertEquals(4, CommitHeader.decode(pages.readHeader()).sequence(), "slot of sequence 2 was overwritten, not 3");
        }
    }

    @Test
    void shouldRejectSegmentLengthThatSplitsPages() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new MappedPageFile(directory.resolve("x.dat"), 8192, 12288, new StoreCounters()));
        assertTrue(error.getMessage().contains("segmentLength=12288"), error.getMessage());
    }
}

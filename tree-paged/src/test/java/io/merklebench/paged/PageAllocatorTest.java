package io.merklebench.paged;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PageAllocatorTest {
    @Test
    void shouldReuseFreedPagesOnlyAfterTheNextCommit() {
        final PageAllocator allocator = new PageAllocator(3, new int[0]);
        allocator.free(1);
        assertEquals(3, allocator.allocate(), "a page freed since the last commit is not reused yet");
        assertEquals(1, allocator.freeCount(), "but it is on the free list the next header records");
        allocator.afterCommit();
        assertEquals(1, allocator.allocate());
        assertEquals(4, allocator.allocate(), "then new pages again");
    }

    @Test
    void shouldRecordReusableThenPendingPages() {
        final PageAllocator allocator = new PageAllocator(10, new int[] {7, 8});
        allocator.free(2);
        final int[] free = new int[allocator.freeCount()];
        allocator.freePagesInto(free, 0);
        assertArrayEquals(new int[] {7, 8, 2}, free);
        assertEquals(10, allocator.pageCount());
    }
}

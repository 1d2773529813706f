package io.merklebench.paged;

import java.util.Arrays;

/**
 * Hands out page indexes: reused free pages first, then new ones at the end ({@code pageCount} grows).
 *
 * <p>A page freed now (its last version deleted, or a superseded meta chain) may still be reachable from the last
 * durable header: if the process dies before the next commit, reopening finds that header again, and its pages
 * must be intact. So freed pages wait in {@code pending} and become reusable only after the next commit is durable
 * ({@link #afterCommit}). The persisted free list holds both: once the header that lists them is durable, nothing
 * readable after a crash reaches them.
 *
 * <p>Not thread-safe (the tree's single writer).
 */
final class PageAllocator {
    private int[] reusable;
    private int reusableCount;
    private int[] pending = new int[16];
    private int pendingCount;
    private int pageCount;

    PageAllocator(final int pageCount, final int[] freePages) {
        this.pageCount = pageCount;
        this.reusable = Arrays.copyOf(freePages, Math.max(16, freePages.length));
        this.reusableCount = freePages.length;
    }

    int allocate() {
        if (reusableCount > 0) {
            return reusable[--reusableCount];
        }
        return pageCount++;
    }

    /** A page no kept version and no future header reaches; reusable after the next commit. */
    void free(final int pageIndex) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = pageIndex;
    }

    /** Pages allocated so far: the high-water mark recorded in the header. */
    int pageCount() {
        return pageCount;
    }

    /** Free pages the next header records (reusable and pending). */
    int freeCount() {
        return reusableCount + pendingCount;
    }

    int pendingCount() {
        return pendingCount;
    }

    /** Copies the free list (reusable, then pending) into {@code target} from {@code offset}. */
    void freePagesInto(final int[] target, final int offset) {
        System.arraycopy(reusable, 0, target, offset, reusableCount);
        System.arraycopy(pending, 0, target, offset + reusableCount, pendingCount);
    }

    /** The commit that recorded the pending pages as free is durable: they may be overwritten now. */
    void afterCommit() {
        if (reusableCount + pendingCount > reusable.length) {
            reusable = Arrays.copyOf(reusable, (reusableCount + pendingCount) * 2);
        }
        System.arraycopy(pending, 0, reusable, reusableCount, pendingCount);
        reusableCount += pendingCount;
        pendingCount = 0;
    }
}

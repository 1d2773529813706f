package io.merklebench.paged;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import static io.merklebench.paged.PageLayout.*;

/**
 * Finds the pages only a deleted version used, so they can be freed.
 *
 * <p>Pages are shared whole between versions ({@link PagePacker}): page {@code P} written at version {@code b}
 * belongs to every version from {@code b} until its root node leaves the tree, a contiguous range. So when version
 * {@code d} is deleted and {@code prev}/{@code next} are the nearest kept versions around it, a page of {@code d}
 * can be freed exactly when neither {@code prev} nor {@code next} has it: {@code prev} has it iff
 * {@code b <= prev}; {@code next} has it iff it appears in {@code next}'s tree. The walk of {@code next} only
 * descends through pages written after {@code d} and stops at older ones (shared whole, with their subtrees); the
 * walk of {@code d} stops at every shared page. Both cost the pages written between the versions, not the tree size.
 *
 * <p>Not thread-safe (the tree's single writer).
 */
final class PageReclaimer {
    private final PageReader reader;
    private final PageAllocator allocator;
    private final PageStore pageStore;

    PageReclaimer(final PageReader reader, final PageAllocator allocator, final PageStore pageStore) {
        this.reader = reader;
        this.allocator = allocator;
        this.pageStore = pageStore;
    }

    /**
     * Frees the pages of {@code deletedVersion} (root {@code deletedRoot}) that neither neighbour uses.
     *
     * @param previousVersion the newest kept version below it, or {@code Long.MIN_VALUE} when none
     * @param nextRoot        the root page of the oldest kept version above it (one always exists)
     * @return the number of pages freed (tree and overflow)
     */
    int reclaim(final long deletedVersion, final int deletedRoot, final long previousVersion, final int nextRoot) {
        final Set<Integer> sharedWithNext = new HashSet<>();
        final ArrayDeque<Integer> work = new ArrayDeque<>();
        if (nextRoot != NULL_PAGE_INDEX) {
            work.push(nextRoot);
        }
        while (!work.isEmpty()) {
            final int pageIndex = work.pop();
            final Page page = reader.treePage(pageIndex);
            if (page.birthVersion() <= deletedVersion) {
                sharedWithNext.add(pageIndex);
            } else {
                pushChildPages(page, pageIndex, work);
            }
        }

        int freedCount = 0;
        if (deletedRoot != NULL_PAGE_INDEX) {
            work.push(deletedRoot);
        }
        while (!work.isEmpty()) {
            final int pageIndex = work.pop();
            if (sharedWithNext.contains(pageIndex)) {
                continue;
            }
            final Page page = reader.treePage(pageIndex);
            if (page.birthVersion() <= previousVersion) {
                continue;
            }
            pushChildPages(page, pageIndex, work);
            for (int slotIndex = 0; slotIndex < page.nodeCount(); slotIndex++) {
                if (page.isOverflow(slotIndex)) {
                    freedCount += freeChain(page.dataOffset(slotIndex), KIND_OVERFLOW);
                }
            }
            free(pageIndex);
            freedCount++;
        }
        return freedCount;
    }

    /** Frees a chain of overflow or meta pages; returns how many. */
    int freeChain(final int firstPageIndex, final byte kind) {
        int count = 0;
        int pageIndex = firstPageIndex;
        while (pageIndex != NULL_PAGE_INDEX) {
            final int next = reader.page(pageIndex, kind).nextPageIndex();
            free(pageIndex);
            count++;
            pageIndex = next;
        }
        return count;
    }

    private void free(final int pageIndex) {
        allocator.free(pageIndex);
        reader.pageFreed(pageIndex);
        pageStore.freePage(pageIndex);
    }

    private static void pushChildPages(final Page page, final int pageIndex, final ArrayDeque<Integer> work) {
        for (int slotIndex = 0; slotIndex < page.nodeCount(); slotIndex++) {
            if (page.isLeaf(slotIndex)) {
                continue;
            }
            final int left = page.leftPageIndex(slotIndex);
            if (left != pageIndex) {
                work.push(left);
            }
            final int right = page.rightPageIndex(slotIndex);
            if (right != pageIndex) {
                work.push(right);
            }
        }
    }
}

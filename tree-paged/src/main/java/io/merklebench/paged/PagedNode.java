package io.merklebench.paged;

import static io.merklebench.paged.PageLayout.NULL_PAGE_INDEX;

/**
 * One node of a working tree: either <em>persisted</em> (decoded from slot {@code slotIndex} of page
 * {@code pageIndex}; its children are page references, decoded again on each visit so reads never build up an object
 * graph) or <em>dirty</em> (created or changed since the last save; its children are objects and its hash is
 * {@code null} until hashed).
 *
 * <p>A dirty node belongs to the one working tree that created it, which changes it in place; persisted nodes are
 * never changed (they are copied to a dirty node first). Not thread-safe. Key and value arrays are shared, never
 * modified.
 */
final class PagedNode {
    /** Page of a persisted node, or {@link PageLayout#NULL_PAGE_INDEX} for a dirty one. */
    final int pageIndex;
    final int slotIndex;

    byte[] key;
    /** Value of a leaf; {@code null} for an inner node, or for a persisted leaf whose value was not read. */
    byte[] value;
    int height;
    long size;
    long version;
    /** {@code null} while dirty and not hashed. */
    byte[] hash;

    /** Children of a dirty inner node. */
    PagedNode left;
    PagedNode right;

    /** Children of a persisted inner node. */
    int leftPageIndex = NULL_PAGE_INDEX;
    int leftSlotIndex;
    int rightPageIndex = NULL_PAGE_INDEX;
    int rightSlotIndex;

    private PagedNode(final int pageIndex, final int slotIndex) {
        this.pageIndex = pageIndex;
        this.slotIndex = slotIndex;
    }

    static PagedNode persisted(final int pageIndex, final int slotIndex) {
        return new PagedNode(pageIndex, slotIndex);
    }

    static PagedNode newLeaf(final byte[] key, final byte[] value, final long version) {
        final PagedNode leaf = new PagedNode(NULL_PAGE_INDEX, 0);
        leaf.key = key;
        leaf.value = value;
        leaf.height = 0;
        leaf.size = 1;
        leaf.version = version;
        return leaf;
    }

    static PagedNode newInner(final byte[] key, final PagedNode left, final PagedNode right, final long version) {
        final PagedNode inner = new PagedNode(NULL_PAGE_INDEX, 0);
        inner.key = key;
        inner.left = left;
        inner.right = right;
        inner.version = version;
        inner.height = Math.max(left.height, right.height) + 1;
        inner.size = left.size + right.size;
        return inner;
    }

    boolean isPersisted() {
        return pageIndex != NULL_PAGE_INDEX;
    }

    boolean isLeaf() {
        return height == 0;
    }

    /** A dirty copy of a persisted inner node stamped with {@code newVersion}; children are resolved by the caller. */
    static PagedNode dirtyInnerCopy(final PagedNode source, final PagedNode left, final PagedNode right, final long newVersion) {
        final PagedNode copy = new PagedNode(NULL_PAGE_INDEX, 0);
        copy.key = source.key;
        copy.left = left;
        copy.right = right;
        copy.height = source.height;
        copy.size = source.size;
        copy.version = newVersion;
        return copy;
    }

    void updateHeightAndSize() {
        height = Math.max(left.height, right.height) + 1;
        size = left.size + right.size;
    }
}

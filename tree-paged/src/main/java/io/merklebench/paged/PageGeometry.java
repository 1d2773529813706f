package io.merklebench.paged;

/**
 * The two page shapes: how many tree levels (and so nodes) one page holds and its length in bytes.
 *
 * <p>Both lengths are whole 4 KiB blocks, so a page maps onto OS pages and the device's write unit. With
 * {@link PageLayout#SLOT_LENGTH} = 72 bytes a paged15 page has 4096 - 32 - 15 * 72 = 2984 bytes for inline keys and
 * values (8 leaves of a 32-byte key and a 100-byte value take 1056 of them, 7 inner keys 224); a paged31 page has
 * 8192 - 32 - 31 * 72 = 5928 bytes. When the keys and values of a full subtree do not fit, the page holds fewer nodes
 * and the rest start new pages; only a single node too large for an empty page uses overflow pages.
 */
public enum PageGeometry {
    PAGED15("paged15", 4, 4096),
    PAGED31("paged31", 5, 8192);

    private final String engineName;
    private final int levels;
    private final int maxSlots;
    private final int pageLength;

    PageGeometry(final String engineName, final int levels, final int pageLength) {
        this.engineName = engineName;
        this.levels = levels;
        this.maxSlots = (1 << levels) - 1;
        this.pageLength = pageLength;
    }

    public String engineName() {
        return engineName;
    }

    /** Tree levels one page holds: 4 or 5. */
    public int levels() {
        return levels;
    }

    /** Nodes one page holds at most: 15 or 31. */
    public int maxSlots() {
        return maxSlots;
    }

    public int pageLength() {
        return pageLength;
    }

    /** First byte of the inline key/value area in a tree page. */
    public int dataAreaOffset() {
        return PageLayout.dataAreaOffset(maxSlots);
    }

    /** Bytes available for inline keys and values in an empty tree page. */
    public int dataAreaLength() {
        return pageLength - dataAreaOffset();
    }

    /** The geometry with {@code maxSlots} nodes per page. */
    public static PageGeometry ofNodesPerPage(final int nodesPerPage) {
        for (final PageGeometry geometry : values()) {
            if (geometry.maxSlots == nodesPerPage) {
                return geometry;
            }
        }
        throw new IllegalArgumentException("nodes per page must be 15 or 31: nodesPerPage=" + nodesPerPage);
    }
}

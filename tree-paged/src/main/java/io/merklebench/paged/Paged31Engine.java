package io.merklebench.paged;

/** {@code paged31}: 5 tree levels (31 nodes) per 8 KiB page. */
public final class Paged31Engine extends PagedEngine {
    public Paged31Engine() {
        super(PageGeometry.PAGED31);
    }
}

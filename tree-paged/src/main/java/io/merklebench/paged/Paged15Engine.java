package io.merklebench.paged;

/** {@code paged15}: 4 tree levels (15 nodes) per 4 KiB page. */
public final class Paged15Engine extends PagedEngine {
    public Paged15Engine() {
        super(PageGeometry.PAGED15);
    }
}

package io.merklebench.paged;

import io.merklebench.core.store.StoreDamageException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

import static io.merklebench.paged.PageLayout.*;

/**
 * What a commit header points to besides the newest root: every kept version with its root page, and the free page
 * list. Written whole at each commit into a chain of meta pages (copy-on-write like everything else; the previous
 * chain is freed once superseded), so its cost per save is 12 bytes per kept version plus 4 per free page: with
 * {@code keepRecent} small that is one page; keeping every version of a long run makes it grow (10,000 kept versions
 * is about 120 KB per save, counted in the bytes and pages written).
 *
 * <pre>
 *   keptCount:4  { version:8 rootPageIndex:4 } * keptCount   freeCount:4  { pageIndex:4 } * freeCount
 * </pre>
 *
 * @param rootPageByVersion kept versions ascending, each to its root page ({@link PageLayout#NULL_PAGE_INDEX}: empty)
 */
record MetaRecord(TreeMap<Long, Integer> rootPageByVersion, int[] freePages) {
    static int encodedLength(final int keptCount, final int freeCount) {
        return SIZE_OF_INT + keptCount * (SIZE_OF_LONG + SIZE_OF_INT) + SIZE_OF_INT + freeCount * SIZE_OF_INT;
    }

    byte[] encode() {
        final ByteBuffer buffer = ByteBuffer.allocate(encodedLength(rootPageByVersion.size(), freePages.length));
        buffer.putInt(rootPageByVersion.size());
        for (final Map.Entry<Long, Integer> entry : rootPageByVersion.entrySet()) {
            buffer.putLong(entry.getKey());
            buffer.putInt(entry.getValue());
        }
        buffer.putInt(freePages.length);
        for (final int pageIndex : freePages) {
            buffer.putInt(pageIndex);
        }
        return buffer.array();
    }

    /** @throws StoreDamageException when the bytes are not a meta record (counts out of range) */
    static MetaRecord decode(final byte[] bytes, final String location) {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            final int keptCount = buffer.getInt();
            if (keptCount < 0 || keptCount > bytes.length / (SIZE_OF_LONG + SIZE_OF_INT)) {
                throw new StoreDamageException("meta record has keptCount=" + keptCount + " " + location);
            }
            final TreeMap<Long, Integer> roots = new TreeMap<>();
            for (int i = 0; i < keptCount; i++) {
                roots.put(buffer.getLong(), buffer.getInt());
            }
            final int freeCount = buffer.getInt();
            if (freeCount < 0 || freeCount > buffer.remaining() / SIZE_OF_INT) {
                throw new StoreDamageException("meta record has freeCount=" + freeCount + " " + location);
            }
            final int[] free = new int[freeCount];
            for (int i = 0; i < freeCount; i++) {
                free[i] = buffer.getInt();
            }
            return new MetaRecord(roots, free);
        } catch (final java.nio.BufferUnderflowException e) {
            throw new StoreDamageException("meta record is truncated: length=" + bytes.length + " " + location, e);
        }
    }
}

package io.merklebench.paged;

import java.util.Arrays;

/**
 * One bit per pageIndex, grown on demand. Updated racily by readers: a lost update only means a page is checked
 * again, so no lock is taken (the array reference is volatile so a grown array is seen whole).
 */
final class PageBitmap {
    private volatile long[] words = new long[64];

    boolean isSet(final int pageIndex) {
        final long[] current = words;
        final int wordIndex = pageIndex >>> 6;
        return wordIndex < current.length && (current[wordIndex] & (1L << pageIndex)) != 0;
    }

    void set(final int pageIndex) {
        long[] current = words;
        final int wordIndex = pageIndex >>> 6;
        if (wordIndex >= current.length) {
            current = Arrays.copyOf(current, Math.max(current.length * 2, wordIndex + 1));
            words = current;
        }
        current[wordIndex] |= 1L << pageIndex;
    }

    void clear(final int pageIndex) {
        final long[] current = words;
        final int wordIndex = pageIndex >>> 6;
        if (wordIndex < current.length) {
            current[wordIndex] &= ~(1L << pageIndex);
        }
    }
}

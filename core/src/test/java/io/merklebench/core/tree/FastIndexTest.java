package io.merklebench.core.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.EntryVisitor;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FastIndexTest {
    private static final long[] SEEDS = {1L, 7L, 20261206L};

    @Test
    void shouldFindWhatWasSetAndForgetWhatWasRemoved() {
        final FastIndex index = new FastIndex();
        final byte[] value = {9};
        index.set(key(1), value);
        assertSame(value, index.get(key(1)), "the index keeps the array it is given");
        assertNull(index.get(key(2)));
        index.remove(key(1));
        assertNull(index.get(key(1)));
        assertEquals(0, index.size());
    }

    /** Every operation mirrored in a HashMap, with growth, backward-shift removal and rollbacks. */
    @Test
    void shouldMatchAHashMapUnderRandomSetsRemovesAndRollbacks() {
        for (final long seed : SEEDS) {
            final SplittableRandom random = new SplittableRandom(seed);
            final FastIndex index = new FastIndex();
            Map<String, byte[]> model = new HashMap<>();
            Map<String, byte[]> saved = new HashMap<>();
            for (int step = 0; step < 20_000; step++) {
                // Few distinct keys, so removes hit present keys and probe runs get long and wrap around.
                final int keyNumber = random.nextInt(3_000);
                final double choice = random.nextDouble();
                if (choice < 0.5) {
                    final byte[] value = {(byte)step};
                    index.set(key(keyNumber), value);
                    model.put(Integer.toString(keyNumber), value);
                } else if (choice < 0.9) {
                    index.remove(key(keyNumber));
                    model.remove(Integer.toString(keyNumber));
                } else if (choice < 0.97) {
                    index.forgetJournal();
                    saved = new HashMap<>(model);
                } else {
                    index.undoJournal();
                    model = new HashMap<>(saved);
                }
                final String context = "seed=" + seed + " step=" + step;
                assertEquals(model.size(), index.size(), context);
                if (step % 1_000 == 0 || choice >= 0.97) {
                    for (int number = 0; number < 3_000; number++) {
                        assertArrayEquals(model.get(Integer.toString(number)), index.get(key(number)),
                            context + " key=" + number);
                    }
                }
            }
        }
    }

    @Test
    void shouldUndoEveryChangeSinceTheLastSaveNewestFirst() {
        final FastIndex index = new FastIndex();
        index.set(key(1), new byte[] {1});
        index.forgetJournal();
        index.set(key(1), new byte[] {2});
        index.set(key(1), new byte[] {3});
        index.remove(key(1));
        index.set(key(2), new byte[] {4});
        index.remove(key(3));
        assertEquals(4, index.journalLength(), "a remove of an absent key changes nothing and is not journaled");
        index.undoJournal();
        assertArrayEquals(new byte[] {1}, index.get(key(1)));
        assertNull(index.get(key(2)));
        assertEquals(1, index.size());
        assertEquals(0, index.journalLength());
    }

    @Test
    void shouldLoadAStateSizedForItWithoutGrowing() {
        final FastIndex index = new FastIndex();
        index.set(key(99_999), new byte[] {1});
        index.load(new EntriesReader(1_000));
        assertEquals(1_000, index.size());
        assertNull(index.get(key(99_999)), "load replaces the contents");
        assertEquals(FastIndex.capacityFor(1_000), index.capacity());
        assertArrayEquals(new byte[] {7}, index.get(key(500)));
        assertEquals(0, index.journalLength());
    }

    @Test
    void shouldSizeCapacityAsAPowerOfTwoAtMostThreeQuartersFull() {
        assertEquals(FastIndex.MIN_CAPACITY, FastIndex.capacityFor(0));
        assertEquals(16, FastIndex.capacityFor(12));
        assertEquals(32, FastIndex.capacityFor(13));
        assertEquals(1 << 21, FastIndex.capacityFor(1_000_000));
    }

    @Test
    void shouldCountTableAndArraysInRetainedBytes() {
        final FastIndex index = new FastIndex();
        final long empty = index.retainedBytes();
        assertEquals(2 * (16 + 16 * 4) + (16 + 16 * 4), empty);
        index.set(new byte[32], new byte[40]);
        assertEquals(empty + 48 + 56, index.retainedBytes());
        for (int number = 0; number < 100_000; number++) {
            index.set(key(number), new byte[0]);
        }
        final double perKey = (double)index.retainedBytes() / index.size();
        assertTrue(perKey > 16 + 24 + 16 && perKey < 74, "bytes per key=" + perKey);
    }

    private static byte[] key(final int number) {
        return Bytes.fromHex(String.format("%08x", number));
    }

    /** A state of keys 0 .. count-1, each with value {7}. */
    private record EntriesReader(int count) implements TreeReader {
        @Override
        public long version() {
            return 1;
        }

        @Override
        public byte[] get(final byte[] key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() {
            return count;
        }

        @Override
        public byte[] rootHash() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
            for (int number = 0; number < count && visitor.visit(key(number), new byte[] {7}); number++) {
                // visit until the end or a stop
            }
        }

        @Override
        public NodeView root() {
            throw new UnsupportedOperationException();
        }
    }
}

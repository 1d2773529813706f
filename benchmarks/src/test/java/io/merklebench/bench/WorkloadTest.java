package io.merklebench.bench;

import io.merklebench.core.Bytes;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTest {
    private static Workload workload(final int size, final int keyLen, final int valueLen, final long seed) {
        final Workload workload = new Workload();
        workload.size = size;
        workload.keyLen = keyLen;
        workload.valueLen = valueLen;
        workload.seed = seed;
        return workload;
    }

    @Test
    void shouldGiveTheSameBytesForTheSameSeedOnEveryCall() {
        final Workload first = workload(10, 16, 40, 1234);
        final Workload second = workload(10, 16, 40, 1234);

        assertArrayEquals(first.key(7), second.key(7));
        assertArrayEquals(first.value(7, 1), second.value(7, 1));
        assertArrayEquals(first.randomIndexes(5, 10, 3), second.randomIndexes(5, 10, 3));
        // Pinned so a change to the generator (which would change every host's data) is noticed.
        assertEquals("ccd5c743efa8cd77ca28ddc8550ff2ef", Bytes.toHex(first.key(0)));
    }

    @Test
    void shouldGiveDifferentDataForAnotherSeedOrVariant() {
        final Workload workload = workload(10, 16, 40, 1234);

        assertFalse(Bytes.toHex(workload.key(1)).equals(Bytes.toHex(workload(10, 16, 40, 1235).key(1))));
        assertFalse(Bytes.toHex(workload.value(1, 0)).equals(Bytes.toHex(workload.value(1, 1))));
    }

    @Test
    void shouldGiveDistinctKeysOfTheRequestedLengths() {
        final Workload workload = workload(100_000, 16, 100, 1234);
        final Set<String> keys = new HashSet<>();
        for (int index = 0; index < workload.size; index++) {
            final byte[] key = workload.key(index);
            assertEquals(16, key.length);
            assertTrue(keys.add(Bytes.toHex(key)), "key " + index + " repeats, seed=1234");
        }
        assertEquals(100, workload.value(5, 0).length);
        assertEquals(3, workload(1, 3, 0, 1).key(0).length);
        assertEquals(0, workload(1, 3, 0, 1).value(0, 0).length);
    }

    @Test
    void shouldDrawIndexesBelowTheBound() {
        for (final long index : workload(10, 16, 40, 1234).randomIndexes(1000, 10, 1)) {
            assertTrue(index >= 0 && index < 10, "index=" + index);
        }
    }

    @Test
    void shouldNameTheBadParam() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> workload(10, 0, 40, 1).validate());

        assertEquals("keyLen must be at least 1 byte: keyLen=0", error.getMessage());
    }

    @Test
    void shouldCycleAPoolOfLoadedKeysAndRememberTheIndexOfTheLast() {
        final Workload workload = workload(50, 16, 40, 1234);
        final KeyPool pool = KeyPool.present(workload, 1);

        assertEquals(50, pool.size());
        final byte[] first = pool.next();
        assertArrayEquals(workload.key(pool.lastIndex()), first);
        for (int i = 1; i < pool.size(); i++) {
            pool.next();
        }
        assertArrayEquals(first, pool.next(), "wraps around");
    }

    @Test
    void shouldBuildAbsentKeysFarFromLoadedAndInsertedOnes() {
        final Workload workload = workload(50, 16, 40, 1234);
        final KeyPool absent = KeyPool.absent(workload);

        assertArrayEquals(workload.key(Workload.ABSENT_KEY_BASE), absent.next());
    }
}

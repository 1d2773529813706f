package io.merklebench.core.tree;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavedVersionsTest {
    @Test
    void shouldStartBelowTheInitialVersion() {
        final SavedVersions versions = new SavedVersions(100);
        assertEquals(99, versions.last());
        assertTrue(versions.isEmpty());
        assertArrayEquals(new long[0], versions.toArray());
        assertEquals("unknown version: version=100; saved versions: none",
            assertThrows(IllegalArgumentException.class, () -> versions.requireSaved(100)).getMessage());
    }

    @Test
    void shouldFindNeighboursOfAVersion() {
        final SavedVersions versions = saved(1, 3, 4, 7);
        assertEquals(7, versions.last());
        assertEquals(1, versions.first());
        assertEquals(SavedVersions.NONE, versions.lower(1));
        assertEquals(1, versions.lower(3));
        assertEquals(4, versions.higher(3));
        versions.remove(4);
        assertEquals(7, versions.higher(3));
        assertArrayEquals(new long[] {1, 3, 7}, versions.toArray());
        assertDoesNotThrow(() -> versions.requireSaved(3));
    }

    @Test
    void shouldRefuseVersionsOutOfOrder() {
        final SavedVersions versions = saved(5);
        assertEquals("saved versions must ascend: version=5 after last=5",
            assertThrows(IllegalStateException.class, () -> versions.add(5)).getMessage());
    }

    @Test
    void shouldListUpToTenVersionsAndAbbreviateMore() {
        assertEquals("unknown version: version=2; saved versions: [1, 3]",
            assertThrows(IllegalArgumentException.class, () -> saved(1, 3).requireSaved(2)).getMessage());
        final SavedVersions twelve = new SavedVersions(1);
        for (long version = 1; version <= 12; version++) {
            twelve.add(version);
        }
        assertEquals("1..12 (12 versions)", twelve.describe());
        twelve.remove(4);
        assertEquals("unknown version: version=4; saved versions: 1..12 (11 versions, some in between deleted)",
            assertThrows(IllegalArgumentException.class, () -> twelve.requireSaved(4)).getMessage());
    }

    private static SavedVersions saved(final long... versions) {
        final SavedVersions saved = new SavedVersions(1);
        for (final long version : versions) {
            saved.add(version);
        }
        return saved;
    }
}

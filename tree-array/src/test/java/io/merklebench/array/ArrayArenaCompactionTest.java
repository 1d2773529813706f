package io.merklebench.array;

import org.junit.jupiter.api.Test;

import static io.merklebench.array.ArrayTestTrees.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayArenaCompactionTest {
    @Test
    void shouldKeepKeysAndValuesAcrossArenaCompaction() {
        final ArrayNodes nodes = new ArrayNodes();
        final int kept = nodes.newLeaf(1, bytes("kept"), bytes("value-kept"));
        for (int i = 0; i < 1000; i++) {
            nodes.free(nodes.newLeaf(1, bytes("garbage" + i), new byte[2000]));
        }
        final int other = nodes.newLeaf(1, bytes("other"), bytes("value-other"));
        final int inner = nodes.newInner(1, other, kept, other);
        final long usedBefore = nodes.arena().usedBytes();
        assertTrue(ArrayArenaCompaction.compactIfWasteful(nodes), "2 MB of garbage triggers compaction");
        assertTrue(nodes.arena().usedBytes() < usedBefore / 100, "usedBytes=" + nodes.arena().usedBytes());
        assertArrayEquals(bytes("kept"), nodes.key(kept));
        assertArrayEquals(bytes("value-kept"), nodes.value(kept));
        assertArrayEquals(bytes("other"), nodes.key(inner));
        assertArrayEquals(bytes("value-other"), nodes.value(other));
        assertEquals(nodes.keyOffset(other), nodes.keyOffset(inner), "a shared key range stays shared");
        assertEquals(1, nodes.arenaCompactionCount());
        assertEquals(nodes.arena().usedBytes(), nodes.arena().leafBytes());
    }

    @Test
    void shouldLeaveAnArenaWithLittleGarbageAlone() {
        final ArrayNodes nodes = new ArrayNodes();
        final int kept = nodes.newLeaf(1, bytes("kept"), bytes("value-kept"));
        nodes.free(nodes.newLeaf(1, bytes("garbage"), new byte[1000]));
        final byte[] arenaBefore = nodes.arenaBytes();
        assertFalse(ArrayArenaCompaction.compactIfWasteful(nodes), "1 KB of garbage is under the 1 MiB slack");
        assertEquals(0, nodes.arenaCompactionCount());
        assertSame(arenaBefore, nodes.arenaBytes(), "the arena array is kept");
        assertArrayEquals(bytes("value-kept"), nodes.value(kept));
    }
}

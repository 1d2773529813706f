package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import org.junit.jupiter.api.Test;

import static io.merklebench.array.ArrayTestTrees.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ArrayHashingTest {
    @Test
    void shouldHashLeavesAndInnerNodesAsNodeHashingDoes() {
        final ArrayNodes nodes = new ArrayNodes();
        final int a = nodes.newLeaf(3, bytes("a"), bytes("1"));
        final int b = nodes.newLeaf(4, bytes("b"), bytes("22"));
        final int inner = nodes.newInner(5, b, a, b);
        new ArrayHashing(nodes).hash(inner);
        final NodeHashing reference = new NodeHashing();
        final byte[] leafA = reference.leafHash(3, bytes("a"), bytes("1"));
        final byte[] leafB = reference.leafHash(4, bytes("b"), bytes("22"));
        assertArrayEquals(leafA, nodes.hashCopy(a));
        assertArrayEquals(leafB, nodes.hashCopy(b));
        assertArrayEquals(reference.innerHash(1, 2, 5, leafA, leafB), nodes.hashCopy(inner));
    }

    @Test
    void shouldMatchThePublishedHashOfOneLeaf() {
        final ArrayNodes nodes = new ArrayNodes();
        final int leaf = nodes.newLeaf(1, bytes("hello"), bytes("world"));
        new ArrayHashing(nodes).hash(leaf);
        final String hex = Bytes.toHex(nodes.hashCopy(leaf));
        assertEquals("6032661a", hex.substring(0, 8), "hash=" + hex);
        assertEquals("ca02", hex.substring(hex.length() - 4), "hash=" + hex);
    }

    @Test
    void shouldRehashOnlyNodesMarkedStale() {
        final ArrayNodes nodes = new ArrayNodes();
        final ArrayHashing hashing = new ArrayHashing(nodes);
        final int a = nodes.newLeaf(1, bytes("a"), bytes("1"));
        final int b = nodes.newLeaf(1, bytes("b"), bytes("2"));
        final int inner = nodes.newInner(1, b, a, b);
        hashing.hash(inner);
        final byte[] before = nodes.hashCopy(inner);
        final int c = nodes.newLeaf(1, bytes("c"), bytes("3"));
        nodes.setRight(inner, c);
        hashing.hash(inner);
        assertArrayEquals(before, nodes.hashCopy(inner), "a valid hash is not recomputed");
        nodes.invalidateHash(inner);
        hashing.hash(inner);
        final NodeHashing reference = new NodeHashing();
        assertArrayEquals(reference.innerHash(1, 2, 1, reference.leafHash(1, bytes("a"), bytes("1")),
            reference.leafHash(1, bytes("c"), bytes("3"))), nodes.hashCopy(inner), "a stale hash is");
    }
}

package io.merklebench.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NodeHashingTest {
    private static final byte[] HELLO = utf8("hello");
    private static final byte[] WORLD = utf8("world");

    @Test
    void shouldEncodeSignedVarintsLikeGo() {
        assertEquals("00", varint(0));
        assertEquals("02", varint(1));
        assertEquals("01", varint(-1));
        assertEquals("04", varint(2));
        assertEquals("c801", varint(100));
        assertEquals("feffffffffffffffff01", varint(Long.MAX_VALUE));
    }

    @Test
    void shouldEncodeUnsignedVarintsLikeGo() {
        assertEquals("00", uvarint(0));
        assertEquals("7f", uvarint(127));
        assertEquals("8001", uvarint(128));
        assertEquals("ac02", uvarint(300));
    }

    @Test
    void shouldHashEmptyTreeAsSha256OfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Bytes.toHex(NodeHashing.emptyTreeHash()));
    }

    @Test
    void shouldHashHelloWorldLeafAtVersionOneLikeIavl() {
        assertEquals("6032661ab0d201132db7a8fa1da6a0afe427e6278bd122c301197680ab79ca02",
            Bytes.toHex(new NodeHashing().leafHash(1, HELLO, WORLD)));
    }

    @Test
    void shouldHashLeafAsSpecifiedByteForByte() throws Exception {
        // varint(height 0) | varint(size 1) | varint(version 100) | uvarint(5) | "hello" | 0x20 | sha256("world")
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(Bytes.fromHex("0002c80105"));
        sha256.update(HELLO);
        sha256.update((byte)0x20);
        sha256.update(MessageDigest.getInstance("SHA-256").digest(WORLD));
        assertArrayEquals(sha256.digest(), new NodeHashing().leafHash(100, HELLO, WORLD));
    }

    @Test
    void shouldReproduceIavlVersionTwoRootFromItsLeaves() {
        // Version 2 of the memiavl vector: hello -> world1 and hello1 -> world1, both leaves and the root at version 2.
        final NodeHashing hashing = new NodeHashing();
        final byte[] left = hashing.leafHash(2, HELLO, utf8("world1"));
        final byte[] right = hashing.leafHash(2, utf8("hello1"), utf8("world1"));
        assertEquals("457d81f933f53e5cfb90d813b84981aa2604d69939e10c94304d18287ded31f7",
            Bytes.toHex(hashing.innerHash(1, 2, 2, left, right)));
    }

    @Test
    void shouldHashFromOffsetsLikeFromWholeArrays() {
        final NodeHashing hashing = new NodeHashing();
        final byte[] keyBuffer = utf8("xxhelloyy");
        final byte[] valueBuffer = utf8("--world--");
        final byte[] target = new byte[40];
        hashing.leafHashInto(3, keyBuffer, 2, 5, valueBuffer, 2, 5, target, 8);
        assertArrayEquals(hashing.leafHash(3, HELLO, WORLD), Arrays.copyOfRange(target, 8, 40));

        final byte[] left = hashing.leafHash(1, HELLO, WORLD);
        final byte[] right = hashing.leafHash(1, utf8("hi"), WORLD);
        final byte[] children = new byte[70];
        System.arraycopy(left, 0, children, 1, 32);
        System.arraycopy(right, 0, children, 37, 32);
        final byte[] inner = new byte[32];
        hashing.innerHashInto(1, 2, 1, children, 1, children, 37, inner, 0);
        assertArrayEquals(hashing.innerHash(1, 2, 1, left, right), inner);
    }

    @Test
    void shouldHashEmptyValue() throws Exception {
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(Bytes.fromHex("00020201"));
        sha256.update((byte)'k');
        sha256.update((byte)0x20);
        sha256.update(NodeHashing.emptyTreeHash());
        assertArrayEquals(sha256.digest(), new NodeHashing().leafHash(1, utf8("k"), new byte[0]));
    }

    /** Keys longer than the first preimage buffer make it grow; hashes before and after stay the specified ones. */
    @Test
    void shouldHashLongKeysByteForByteBeforeAndAfterShortOnes() throws Exception {
        final NodeHashing hashing = new NodeHashing();
        for (final int keyLength : new int[] {0, 1, 255, 256, 300, 5_000, 3}) {
            final byte[] key = new byte[keyLength];
            Arrays.fill(key, (byte)'k');
            final byte[] header = new byte[20];
            int position = NodeHashing.putVarint(header, 0, 0);
            position = NodeHashing.putVarint(header, position, 1);
            position = NodeHashing.putVarint(header, position, 7);
            position = NodeHashing.putUvarint(header, position, keyLength);
            final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(header, 0, position);
            sha256.update(key);
            sha256.update((byte)0x20);
            sha256.update(MessageDigest.getInstance("SHA-256").digest(WORLD));
            assertArrayEquals(sha256.digest(), hashing.leafHash(7, key, WORLD), "key length " + keyLength);
        }
        // an inner node hashed after the buffer grew is unchanged
        assertEquals("457d81f933f53e5cfb90d813b84981aa2604d69939e10c94304d18287ded31f7",
            Bytes.toHex(hashing.innerHash(1, 2, 2, hashing.leafHash(2, HELLO, utf8("world1")),
                hashing.leafHash(2, utf8("hello1"), utf8("world1")))));
    }

    private static String varint(final long value) {
        final byte[] buffer = new byte[10];
        return Bytes.toHex(Arrays.copyOf(buffer, NodeHashing.putVarint(buffer, 0, value)));
    }

    private static String uvarint(final long value) {
        final byte[] buffer = new byte[10];
        return Bytes.toHex(Arrays.copyOf(buffer, NodeHashing.putUvarint(buffer, 0, value)));
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

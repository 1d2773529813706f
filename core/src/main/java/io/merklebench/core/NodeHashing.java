package io.merklebench.core;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * IAVL v1 node hashing (cosmos/iavl {@code node.go}), the one definition every engine uses.
 *
 * <pre>
 *   hash = SHA-256( varint(height) | varint(size) | varint(version) | body )
 *   leaf  (height 0, size 1): body = uvarint(len(key)) | key | 0x20 | SHA-256(value)
 *   inner                   : body = 0x20 | leftHash | 0x20 | rightHash      (the inner key is not hashed)
 * </pre>
 * {@code varint} is Go's signed zig-zag varint (height 0 is {@code 00}, size 1 is {@code 02}, version 100 is
 * {@code c801}); {@code uvarint} is the unsigned one. An empty tree hashes to SHA-256 of nothing.
 * A single leaf {@code hello -> world} saved at version 1 hashes to {@code 6032661a...ca02}.
 *
 * <p>Not thread-safe: one instance holds a {@link MessageDigest} and a preimage buffer, so hashing allocates
 * nothing (but once for a key longer than 256 bytes). Give each thread (or each tree) its own. Byte arrays passed in
 * are read, never kept.
 */
public final class NodeHashing {
    public static final int HASH_LENGTH = 32;

    /** Length prefix IAVL writes before each 32-byte hash: {@code uvarint(32)}. */
    private static final byte HASH_LENGTH_PREFIX = 0x20;
    /** Three signed varints of at most 10 bytes each, and a leaf's uvarint key length. */
    private static final int MAX_HEADER_LENGTH = 4 * 10;
    /** An inner node's whole preimage: header, then {@code 0x20 | leftHash | 0x20 | rightHash}. */
    private static final int MAX_INNER_PREIMAGE_LENGTH = MAX_HEADER_LENGTH + 2 * (1 + HASH_LENGTH);
    /** Keys up to this long fit the first preimage buffer; a longer key grows it once. */
    private static final int INITIAL_KEY_ROOM = 256;

    private static final byte[] EMPTY_TREE_HASH;

    static {
        EMPTY_TREE_HASH = newSha256().digest();
    }

    private final MessageDigest sha256 = newSha256();
    /**
     * A node's whole SHA-256 input, assembled before one {@code update}: every {@code MessageDigest.update} call
     * pays its own checks and buffer bookkeeping on top of the compression, so a node's 4-5 small pieces (one of
     * them a single byte) cost more than one contiguous input. A leaf's value hash is digested straight into place.
     */
    private byte[] preimage = new byte[MAX_INNER_PREIMAGE_LENGTH + INITIAL_KEY_ROOM];

    /** The root hash of a tree with no keys: SHA-256 of the empty input, {@code e3b0c442...b855}. */
    public static byte[] emptyTreeHash() {
        return EMPTY_TREE_HASH.clone();
    }

    public byte[] leafHash(final long version, final byte[] key, final byte[] value) {
        final byte[] hash = new byte[HASH_LENGTH];
        leafHashInto(version, key, 0, key.length, value, 0, value.length, hash, 0);
        return hash;
    }

    /** Writes the leaf hash into {@code dst[dstOffset..+32)}; key and value are read from the given ranges. */
    public void leafHashInto(
        final long version,
        final byte[] key, final int keyOffset, final int keyLength,
        final byte[] value, final int valueOffset, final int valueLength,
        final byte[] dst, final int dstOffset) {
        final MessageDigest digest = sha256;
        final int longestPreimage = MAX_HEADER_LENGTH + keyLength + 1 + HASH_LENGTH;
        if (longestPreimage > preimage.length) {
            preimage = new byte[longestPreimage];
        }
        final byte[] buffer = preimage;
        try {
            int position = putVarint(buffer, 0, 0);
            position = putVarint(buffer, position, 1);
            position = putVarint(buffer, position, version);
            position = putUvarint(buffer, position, keyLength);
            System.arraycopy(key, keyOffset, buffer, position, keyLength);
            position += keyLength;
            buffer[position++] = HASH_LENGTH_PREFIX;
            // The value's digest first (nothing of the preimage is in the digest yet), written where it belongs.
            digest.update(value, valueOffset, valueLength);
            digest.digest(buffer, position, HASH_LENGTH);
            digest.update(buffer, 0, position + HASH_LENGTH);
            digest.digest(dst, dstOffset, HASH_LENGTH);
        } catch (final DigestException e) {
            throw new IllegalStateException("SHA-256 digest into buffer failed", e);
        }
    }

    public byte[] innerHash(
        final int height, final long size, final long version, final byte[] leftHash, final byte[] rightHash) {
        final byte[] hash = new byte[HASH_LENGTH];
        innerHashInto(height, size, version, leftHash, 0, rightHash, 0, hash, 0);
        return hash;
    }

    /** Writes the inner-node hash into {@code dst[dstOffset..+32)}; child hashes are read from the given offsets. */
    public void innerHashInto(
        final int height, final long size, final long version,
        final byte[] leftHash, final int leftOffset,
        final byte[] rightHash, final int rightOffset,
        final byte[] dst, final int dstOffset) {
        final MessageDigest digest = sha256;
        final byte[] buffer = preimage;
        try {
            int position = putVarint(buffer, 0, height);
            position = putVarint(buffer, position, size);
            position = putVarint(buffer, position, version);
            buffer[position++] = HASH_LENGTH_PREFIX;
            System.arraycopy(leftHash, leftOffset, buffer, position, HASH_LENGTH);
            position += HASH_LENGTH;
            buffer[position++] = HASH_LENGTH_PREFIX;
            System.arraycopy(rightHash, rightOffset, buffer, position, HASH_LENGTH);
            digest.update(buffer, 0, position + HASH_LENGTH);
            digest.digest(dst, dstOffset, HASH_LENGTH);
        } catch (final DigestException e) {
            throw new IllegalStateException("SHA-256 digest into buffer failed", e);
        }
    }

    /** Go's {@code binary.PutVarint}: zig-zag, then unsigned LEB128. Returns the position after the last byte. */
    public static int putVarint(final byte[] buffer, final int offset, final long value) {
        return putUvarint(buffer, offset, (value << 1) ^ (value >> 63));
    }

    /** Go's {@code binary.PutUvarint}: unsigned LEB128. Returns the position after the last byte. */
    public static int putUvarint(final byte[] buffer, final int offset, final long value) {
        int position = offset;
        long remaining = value;
        while ((remaining & ~0x7FL) != 0) {
            buffer[position++] = (byte)((remaining & 0x7F) | 0x80);
            remaining >>>= 7;
        }
        buffer[position++] = (byte)remaining;
        return position;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

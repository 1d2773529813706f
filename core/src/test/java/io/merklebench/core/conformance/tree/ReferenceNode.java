package io.merklebench.core.conformance.tree;

import io.merklebench.core.tree.NodeView;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One immutable node of the {@link IavlReference}, hashed when it is made. Its version is the working version of the
 * tree that made it, and never changes: IAVL's "the version of a node is the first version of the IAVL tree that the
 * node gets added in" (cosmos/iavl {@code docs/node/node.md}).
 *
 * <p>The hash is IAVL v1's {@code writeHashBytes} ({@code node.go}, described in {@code docs/node/node.md}), encoded
 * here from scratch with {@link MessageDigest} so that it shares no code with the engines' {@code NodeHashing}:
 * <pre>
 *   SHA-256( varint(height) varint(size) varint(version)
 *            leaf:  bytes(key) bytes(SHA-256(value))
 *            inner: bytes(leftHash) bytes(rightHash) )          (an inner node's key is not hashed)
 * </pre>
 * {@code varint} is Go's {@code binary.PutVarint} (zig-zag, then 7 bits a byte, low bits first, high bit set on all
 * bytes but the last); {@code bytes(b)} is IAVL's {@code encoding.EncodeBytes}: {@code uvarint(len(b))} then
 * {@code b}. Keys and values are kept, never copied: callers never modify them.
 */
final class ReferenceNode implements NodeView {
    private final byte[] key;
    /** {@code null} for an inner node. */
    private final byte[] value;
    private final long version;
    private final int height;
    private final long size;
    private final ReferenceNode left;
    private final ReferenceNode right;
    private final byte[] hash;

    private ReferenceNode(final byte[] key, final byte[] value, final long version, final ReferenceNode left,
                          final ReferenceNode right) {
        this.key = key;
        this.value = value;
        this.version = version;
        this.left = left;
        this.right = right;
        if (left == null) {
            this.height = 0;
            this.size = 1;
        } else {
            this.height = Math.max(left.height, right.height) + 1;
            this.size = left.size + right.size;
        }
        this.hash = computeHash();
    }

    static ReferenceNode leaf(final byte[] key, final byte[] value, final long version) {
        return new ReferenceNode(key, value, version, null, null);
    }

    /** An inner node; {@code key} must be the smallest key of {@code right}. Height and size come from the children. */
    static ReferenceNode inner(final byte[] key, final ReferenceNode left, final ReferenceNode right, final long version) {
        return new ReferenceNode(key, null, version, left, right);
    }

    /** SHA-256 of nothing: IAVL's root hash of an empty tree. */
    static byte[] emptyTreeHash() {
        return sha256().digest();
    }

    /** Left height minus right height (0 for a leaf). */
    int balance() {
        return isLeaf() ? 0 : left.height - right.height;
    }

    @Override
    public boolean isLeaf() {
        return left == null;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public ReferenceNode left() {
        return left;
    }

    @Override
    public ReferenceNode right() {
        return right;
    }

    /** The key without a copy, for searching. */
    byte[] keyBytes() {
        return key;
    }

    /** The value without a copy, for reads that copy once. */
    byte[] valueBytes() {
        return value;
    }

    private byte[] computeHash() {
        final ByteArrayOutputStream preimage = new ByteArrayOutputStream();
        writeVarint(preimage, height);
        writeVarint(preimage, size);
        writeVarint(preimage, version);
        if (isLeaf()) {
            writeBytes(preimage, key);
            writeBytes(preimage, sha256().digest(value));
        } else {
            writeBytes(preimage, left.hash);
            writeBytes(preimage, right.hash);
        }
        return sha256().digest(preimage.toByteArray());
    }

    /** Go's {@code binary.PutVarint}: zig-zag maps 0, -1, 1, -2, ... to 0, 1, 2, 3, ..., then {@link #writeUvarint}. */
    static void writeVarint(final ByteArrayOutputStream out, final long value) {
        writeUvarint(out, (value << 1) ^ (value >> 63));
    }

    /** Go's {@code binary.PutUvarint}: 7 bits a byte, least significant first, continuation bit 0x80. */
    static void writeUvarint(final ByteArrayOutputStream out, final long value) {
        long rest = value;
        while (Long.compareUnsigned(rest, 0x80) >= 0) {
            out.write((int)(rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write((int)rest);
    }

    /** IAVL's {@code encoding.EncodeBytes}: the length as a uvarint, then the bytes. */
    private static void writeBytes(final ByteArrayOutputStream out, final byte[] bytes) {
        writeUvarint(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

package io.merklebench.bench.hash;

import io.merklebench.core.Bytes;
import io.merklebench.core.NodeHashing;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The exact SHA-256 inputs of the nodes that a root hash recomputes after some leaves change: the union of the
 * root-to-leaf paths of the changed keys. Built once from a tree state ({@link TreeReader#root()}, slow, setup only);
 * {@link #hashAll} then hashes the same bytes with nothing else, the floor an engine's {@code rootHash} cannot beat.
 *
 * <p>A node is identified by (height, key): two inner nodes of one height have disjoint subtrees, so their keys
 * (the smallest key of the right subtree) differ. Not thread-safe (one digest, one output buffer).
 */
final class DirtyNodes {
    private final List<byte[]> valuesToHash = new ArrayList<>();
    private final List<byte[]> leafPreimages = new ArrayList<>();
    private final List<byte[]> innerPreimages = new ArrayList<>();
    private final MessageDigest sha256 = newSha256();
    private final byte[] digestOut = new byte[NodeHashing.HASH_LENGTH];
    private final byte[] leafScratch;

    private DirtyNodes(final int longestKeyLength) {
        leafScratch = new byte[3 * 10 + 10 + longestKeyLength + 1 + NodeHashing.HASH_LENGTH];
    }

    /** Collects the nodes on the paths of {@code keys} in {@code state} (every key must be present). */
    static DirtyNodes onPaths(final TreeReader state, final byte[][] keys) {
        int longestKeyLength = 0;
        for (final byte[] key : keys) {
            longestKeyLength = Math.max(longestKeyLength, key.length);
        }
        final DirtyNodes nodes = new DirtyNodes(longestKeyLength);
        final Set<String> seen = new HashSet<>();
        final NodeView root = state.root();
        for (final byte[] key : keys) {
            NodeView node = root;
            while (node != null) {
                if (seen.add(node.height() + ":" + Bytes.toHex(node.key()))) {
                    nodes.add(node);
                }
                if (node.isLeaf()) {
                    if (!Arrays.equals(node.key(), key)) {
                        throw new IllegalStateException("key " + Bytes.toHex(key)
                            + " is not in the tree; dirty paths need present keys");
                    }
                    break;
                }
                node = Bytes.compare(key, node.key()) < 0 ? node.left() : node.right();
            }
        }
        return nodes;
    }

    int leafCount() {
        return leafPreimages.size();
    }

    int innerCount() {
        return innerPreimages.size();
    }

    /** The SHA-256 input of inner node {@code innerIndex}, in path order (index 0 is the root when it is inner). */
    byte[] innerPreimage(final int innerIndex) {
        return innerPreimages.get(innerIndex).clone();
    }

    /** Hashes every value, then every leaf and inner preimage; returns the last digest's first byte (for the Blackhole). */
    byte hashAll() {
        try {
            final MessageDigest digest = sha256;
            for (int i = 0; i < leafPreimages.size(); i++) {
                final byte[] value = valuesToHash.get(i);
                digest.update(value, 0, value.length);
                digest.digest(digestOut, 0, NodeHashing.HASH_LENGTH);
                final byte[] preimage = leafPreimages.get(i);
                digest.update(preimage, 0, preimage.length);
                digest.digest(digestOut, 0, NodeHashing.HASH_LENGTH);
            }
            for (final byte[] preimage : innerPreimages) {
                digest.update(preimage, 0, preimage.length);
                digest.digest(digestOut, 0, NodeHashing.HASH_LENGTH);
            }
            return digestOut[0];
        } catch (final DigestException e) {
            throw new IllegalStateException("SHA-256 digest into buffer failed", e);
        }
    }

    private void add(final NodeView node) {
        final byte[] buffer = leafScratch;
        int position = NodeHashing.putVarint(buffer, 0, node.height());
        position = NodeHashing.putVarint(buffer, position, node.size());
        position = NodeHashing.putVarint(buffer, position, node.version());
        if (node.isLeaf()) {
            final byte[] key = node.key();
            position = NodeHashing.putUvarint(buffer, position, key.length);
            System.arraycopy(key, 0, buffer, position, key.length);
            position += key.length;
            buffer[position++] = NodeHashing.HASH_LENGTH;
            position += NodeHashing.HASH_LENGTH; // the value's hash: its bytes do not change the cost
            valuesToHash.add(node.value());
            leafPreimages.add(Arrays.copyOf(buffer, position));
        } else {
            buffer[position++] = NodeHashing.HASH_LENGTH;
            System.arraycopy(node.left().hash(), 0, buffer, position, NodeHashing.HASH_LENGTH);
            position += NodeHashing.HASH_LENGTH;
            buffer[position++] = NodeHashing.HASH_LENGTH;
            System.arraycopy(node.right().hash(), 0, buffer, position, NodeHashing.HASH_LENGTH);
            position += NodeHashing.HASH_LENGTH;
            innerPreimages.add(Arrays.copyOf(buffer, position));
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}

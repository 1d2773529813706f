package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares a tree state's root hash with the {@link IavlReference}'s. On a mismatch the {@link AssertionError} gives
 * the context (seed, version, step), both hashes, and the first node, from the root down, whose version, key, height,
 * size or value differs (path in {@code L}/{@code R} steps), so a version-stamping or rotation bug points at itself.
 */
public final class ReferenceComparison {
    private ReferenceComparison() {
    }

    /** {@code actual}'s root hash must be {@code expected}'s ({@code expected} is the reference's state). */
    public static void checkRootHash(final TreeReader expected, final TreeReader actual, final String context) {
        checkRootHash(expected, actual.rootHash(), actual, context);
    }

    /**
     * {@code actualHash} (e.g. what an engine's {@code save()} returned) must be {@code expected}'s root hash;
     * {@code actualState}, the state that hash belongs to, is walked for the message only (may be {@code null}).
     */
    public static void checkRootHash(final TreeReader expected, final byte[] actualHash, final TreeReader actualState,
                                     final String context) {
        final byte[] expectedHash = expected.rootHash();
        if (Arrays.equals(expectedHash, actualHash)) {
            return;
        }
        final String difference = actualState == null
            ? "" : "; " + firstDifference(expected.root(), actualState.root(), "root");
        throw new AssertionError(context + ": root hash differs from the IAVL reference at version=" + expected.version()
            + " size=" + expected.size() + ": expected=" + Bytes.toHex(expectedHash) + " actual=" + Bytes.toHex(actualHash)
            + difference);
    }

    /** Describes the first node (pre-order) whose own fields differ; children are visited only below equal fields. */
    static String firstDifference(final NodeView expected, final NodeView actual, final String path) {
        if (expected == null || actual == null) {
            return "node " + path + ": expected " + (expected == null ? "no node" : "a node")
                + " but found " + (actual == null ? "none" : "one");
        }
        if (Arrays.equals(expected.hash(), actual.hash())) {
            return null;
        }
        final List<String> differences = new ArrayList<>();
        compare(differences, "leaf", expected.isLeaf(), actual.isLeaf());
        compare(differences, "version", expected.version(), actual.version());
        compare(differences, "height", expected.height(), actual.height());
        compare(differences, "size", expected.size(), actual.size());
        if (!Arrays.equals(expected.key(), actual.key())) {
            differences.add("key expected=" + Bytes.toHex(expected.key()) + " actual=" + Bytes.toHex(actual.key()));
        }
        if (!Arrays.equals(expected.value(), actual.value())) {
            differences.add("value expected=" + Bytes.toHex(expected.value()) + " actual=" + Bytes.toHex(actual.value()));
        }
        if (!differences.isEmpty()) {
            return "first differing node " + path + " (expected key=" + Bytes.toHex(expected.key()) + " version="
                + expected.version() + " height=" + expected.height() + " size=" + expected.size() + "): "
                + String.join(", ", differences);
        }
        if (!expected.isLeaf()) {
            final String left = firstDifference(expected.left(), actual.left(), path + "L");
            if (left != null) {
                return left;
            }
            final String right = firstDifference(expected.right(), actual.right(), path + "R");
            if (right != null) {
                return right;
            }
        }
        return "node " + path + " has the expected fields and children but hash expected="
            + Bytes.toHex(expected.hash()) + " actual=" + Bytes.toHex(actual.hash()) + " (its own hash is computed differently)";
    }

    private static void compare(final List<String> differences, final String field, final Object expected,
                                final Object actual) {
        if (!expected.equals(actual)) {
            differences.add(field + " expected=" + expected + " actual=" + actual);
        }
    }
}

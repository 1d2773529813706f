package io.merklebench.core.verify;

import io.merklebench.core.Bytes;

/**
 * The first damage a verification found: where (the node's path from the root, {@code root} then one {@code L} or
 * {@code R} per step, or another engine's own location such as a node hash), what that node says it is (its key,
 * version and height, when it could be read) and what is wrong. Immutable.
 *
 * @param location where in the tree: {@code root}, {@code rootLRR}, or an engine's own name for the place
 * @param key      the node's key (a leaf's key, an inner node's split key), or {@code null} when unknown
 * @param version  the version the node says it was written in, or -1 when unknown
 * @param height   the node's height (0 for a leaf), or -1 when unknown
 * @param problem  what is wrong, with the values that disagree
 */
public record Damage(String location, byte[] key, long version, int height, String problem) {
    /** Damage at a place with no node fields to show (a node that could not be read at all, a whole-state check). */
    public static Damage at(final String location, final String problem) {
        return new Damage(location, null, -1, -1, problem);
    }

    /** One line: {@code node rootLR (key=6b31 version=3 height=1): stored hash=... but recomputed=...}. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("node ").append(location);
        final StringBuilder fields = new StringBuilder();
        if (key != null) {
            fields.append("key=").append(Bytes.toHex(key));
        }
        if (version >= 0) {
            fields.append(fields.length() == 0 ? "" : " ").append("version=").append(version);
        }
        if (height >= 0) {
            fields.append(fields.length() == 0 ? "" : " ").append("height=").append(height);
        }
        if (fields.length() > 0) {
            text.append(" (").append(fields).append(')');
        }
        return text.append(": ").append(problem).toString();
    }
}

package io.merklebench.core.changeset;

/**
 * One line of a changeset: {@code set <key-hex> <value-hex>}, {@code delete <key-hex>} or
 * {@code commit [<expected-root-hex>]}.
 *
 * @param kind         what the line does
 * @param key          the key of a set or delete; {@code null} for commit
 * @param value        the value of a set (may be empty); {@code null} otherwise
 * @param expectedHash the root hash a commit must produce, or {@code null} when the line gives none
 * @param lineNumber   1-based line in the changeset file
 */
public record Operation(Kind kind, byte[] key, byte[] value, byte[] expectedHash, long lineNumber) {
    public enum Kind { SET, DELETE, COMMIT }
}

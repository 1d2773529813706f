package io.merklebench.simulate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The app hash of a version: SHA-256 over the stores in ascending order of their names' UTF-8 bytes, each as
 * {@code uvarint(len(name)) || name || root hash (32 bytes)}, where uvarint is the unsigned LEB128 varint IAVL uses
 * for lengths. One hash over every tree, so two engines that agree on it agree on every store. Not the Cosmos SDK's
 * commit hash (that is a simple Merkle tree over the store infos); documented in docs/simulate.md.
 */
final class AppHash {
    private AppHash() {
    }

    static byte[] of(final Map<String, byte[]> rootHashByStore) {
        final TreeMap<byte[], byte[]> ordered = new TreeMap<>(java.util.Arrays::compareUnsigned);
        rootHashByStore.forEach((name, root) -> ordered.put(name.getBytes(StandardCharsets.UTF_8), root));
        final ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ordered.forEach((name, root) -> {
            writeUvarint(encoded, name.length);
            encoded.writeBytes(name);
            encoded.writeBytes(root);
        });
        try {
            return MessageDigest.getInstance("SHA-256").digest(encoded.toByteArray());
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void writeUvarint(final ByteArrayOutputStream out, final long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}

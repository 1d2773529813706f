package io.merklebench.core.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.KvStore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The format marker an engine keeps under key {@code m} of a key-value store, and the open check that refuses a
 * store another engine wrote. Every engine on a key-value store writes its marker with its first save (heap and array
 * each check their own marker in their node store; engines added later use this class instead of a third copy).
 * Stateless.
 */
public final class StoreFormat {
    /** {@code m -> <marker>}: the one key every engine's layout reserves for its format marker. */
    public static final byte[] FORMAT_KEY = {'m'};

    private StoreFormat() {
    }

    /**
     * Returns {@code true} when the store is empty (the engine writes {@code marker} with its first save), {@code false}
     * when it holds this engine's data.
     *
     * @throws IllegalStateException naming this engine and the marker found (which names the engine that wrote it):
     *                               {@code engine mpt cannot open store=rocksdb directory=/d: it holds another engine's
     *                               data (m='array-v1'); mpt writes m='mpt-v1'}
     */
    public static boolean requireOwnOrEmpty(final KvStore store, final String engine, final byte[] marker) {
        final byte[] found = store.get(FORMAT_KEY);
        final String where = "engine " + engine + " cannot open store=" + store.kind() + " directory="
            + store.directory().toAbsolutePath();
        if (found == null) {
            final byte[][] firstKey = new byte[1][];
            store.iterate(null, null, (key, value) -> {
                firstKey[0] = key;
                return false;
            });
            if (firstKey[0] != null) {
                throw new IllegalStateException(where + ": it holds data without a format marker under key 'm'"
                    + " (first key=" + Bytes.toHex(firstKey[0]) + "); use an empty directory");
            }
            return true;
        }
        if (!Arrays.equals(found, marker)) {
            throw new IllegalStateException(where + ": it holds another engine's data (m='"
                + new String(found, StandardCharsets.UTF_8) + "'); " + engine + " writes m='"
                + new String(marker, StandardCharsets.UTF_8) + "'. Open it with the engine that wrote it, or use an"
                + " empty directory");
        }
        return false;
    }
}

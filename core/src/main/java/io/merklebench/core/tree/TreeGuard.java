package io.merklebench.core.tree;

import io.merklebench.core.Bytes;

import java.nio.file.Path;

/**
 * The checks at the top of every call on a tree and on the states it hands out (its working tree, working copies
 * and saved views): the tree is still usable, and a key is well formed. One guard per tree, shared by all of its
 * states, so closing the tree refuses them all, each with the same {@link IllegalStateException} naming the engine
 * and the store: {@code heap tree is closed: store=lmdb directory=/data/run-1}.
 *
 * <p>{@link #ensureOpen()} runs on every get and set, the benchmarked paths: one field read and a branch, and the
 * message is built only when a call is refused. {@link #close()} and {@link #fail} are for the tree's single writer;
 * a view read on another thread while the tree closes may see the close late (closing under readers is not
 * supported, see {@link MerkleTree}).
 */
public final class TreeGuard {
    private final String engine;
    /** How refusals name the store: {@code store=lmdb directory=/data/run-1}. */
    private final String storeDescription;
    private boolean closed;
    /** The message of the exception every call throws once the tree is unusable; {@code null} while it is usable. */
    private String refusal;
    /** What made the tree unusable when it was not a close. */
    private RuntimeException cause;

    /**
     * @param engine         the engine's registry name, which every refusal names
     * @param storeKind      the kind of the store the tree persists to ({@code KvStore.kind()})
     * @param storeDirectory its directory ({@code KvStore.directory()})
     */
    public TreeGuard(final String engine, final String storeKind, final Path storeDirectory) {
        this.engine = engine;
        this.storeDescription = "store=" + storeKind + " directory=" + storeDirectory.toAbsolutePath();
    }

    public String engine() {
        return engine;
    }

    /** Throws {@link IllegalStateException} once the tree was closed or {@linkplain #fail failed}. */
    public void ensureOpen() {
        if (refusal != null) {
            throw new IllegalStateException(refusal, cause);
        }
    }

    /**
     * Refuses every later call, saying the tree is closed. Returns {@code true} the first time only: then the
     * caller releases what the tree holds.
     */
    public boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        refusal = engine + " tree is closed: " + storeDescription;
        cause = null;
        return true;
    }

    /**
     * Refuses every later call (until close) after a store commit failed and memory and store may disagree: the
     * tree must be reopened.
     */
    public void fail(final RuntimeException failure) {
        if (refusal == null) {
            refusal = engine + " tree is unusable after a failed store commit; reopen it";
            cause = failure;
        }
    }

    /** Returns {@code key}; throws {@link IllegalArgumentException} when it is {@code null} or empty. */
    public static byte[] requireKey(final byte[] key) {
        if (Bytes.requireKey(key).length == 0) {
            throw new IllegalArgumentException("key must be at least one byte long: key.length=0");
        }
        return key;
    }
}

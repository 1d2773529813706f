package io.merklebench.mpt;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.WorkingTree;

/**
 * The mpt working tree, or a TMSP check copy of the last saved version: a trie whose new nodes are held in memory
 * ({@link MptPendingNodes}) until {@link MptTree} saves them; a copy's are never saved. Not thread-safe.
 *
 * <p>Values must not be empty: in Ethereum's trie an empty value is a delete (and Tuweni reads an empty branch value
 * back as absent), so storing one would silently lose the key.
 */
final class MptWorkingTree extends MptReadableState implements WorkingTree {
    MptWorkingTree(final MptTrie trie, final TreeGuard guard, final long version, final long size) {
        super(trie, guard, version, size);
    }

    MptTrie trie() {
        return trie;
    }

    /** Whether the key was present: a lookup first, as an insert must know whether the count grows. */
    @Override
    public boolean set(final byte[] key, final byte[] value) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        if (Bytes.requireValue(value).length == 0) {
            throw new IllegalArgumentException("engine mpt cannot store an empty value (in Ethereum's trie an empty"
                + " value means delete): key=" + Bytes.toHex(key) + " value.length=0");
        }
        final boolean present = trie.get(key) != null;
        trie.put(key, value);
        if (!present) {
            size++;
        }
        return present;
    }

    @Override
    public boolean remove(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        if (trie.get(key) == null) {
            return false;
        }
        trie.remove(key);
        size--;
        return true;
    }
}

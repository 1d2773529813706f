package io.merklebench.flat;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;

/**
 * {@code flat}: the baseline, no Merkle tree at all. Gets and sets go to the store (sets are buffered until the save,
 * like a tree's dirty nodes), a save is one commit of the changed entries, and there is no root hash: every state
 * reports {@link #NO_ROOT_HASH}. Its rows are what the store costs alone, so a tree engine's rows over flat's on the
 * same store are the Merkle tax.
 */
public final class FlatEngine implements TreeEngine {
    public static final String NAME = "flat";

    /**
     * What {@code rootHash()} returns for every flat state: 32 zero bytes. A constant, not a hash: flat commits to
     * nothing. It has the length of a real root so that code printing or passing roots along works unchanged; tools
     * that compare roots must check the hash scheme first ({@code none} for flat).
     */
    public static final byte[] NO_ROOT_HASH = new byte[32];

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String hashScheme() {
        return HASH_SCHEME_NONE;
    }

    @Override
    public String description() {
        return "baseline, no tree: the store alone (sets buffered until save, one commit per save); root hash is the"
            + " constant 32 zero bytes";
    }

    @Override
    public MerkleTree open(final KvStore store, final TreeOptions options) {
        Registry.requireUsable(this, store);
        Registry.requireFastIndex(this, options);
        return new FlatTree(store, options);
    }
}

package io.merklebench.array;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;

/** The {@code array} engine: the IAVL tree in struct-of-arrays form ({@link ArrayTree}). Stateless. */
public final class ArrayEngine implements TreeEngine {
    public static final String NAME = "array";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String hashScheme() {
        return HASH_SCHEME_IAVL_V1;
    }

    @Override
    public String description() {
        return "IAVL with no object per node: 32-byte node records + packed hashes in pages, keys/values in a byte arena, chunked persistence";
    }

    /** The shared {@link io.merklebench.core.tree.FastIndex} of {@code AbstractMerkleTree}: nothing engine-specific. */
    @Override
    public boolean keepsFastIndex() {
        return true;
    }

    @Override
    public MerkleTree open(final KvStore store, final TreeOptions options) {
        Registry.requireUsable(this, store);
        return new ArrayTree(store, options);
    }
}

package io.merklebench.heap;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;

/** {@code heap}: IAVL as an immutable object graph, one store entry per node, with a bounded node cache. */
public final class HeapEngine implements TreeEngine {
    public static final String NAME = "heap";

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
        return "IAVL as Java objects: copy-on-write versions, one store entry per node keyed by version and sequence,"
            + " bounded LRU node cache";
    }

    /** The shared {@link io.merklebench.core.tree.FastIndex} of {@code AbstractMerkleTree}: nothing engine-specific. */
    @Override
    public boolean keepsFastIndex() {
        return true;
    }

    @Override
    public MerkleTree open(final KvStore store, final TreeOptions options) {
        Registry.requireUsable(this, store);
        return new HeapTree(store, options);
    }
}

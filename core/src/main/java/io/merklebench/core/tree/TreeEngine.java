package io.merklebench.core.tree;

import io.merklebench.core.store.KvStore;

/**
 * Opens one layout of the IAVL tree. Implementations are found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.merklebench.core.tree.TreeEngine}), so a new engine is one class plus one line.
 */
public interface TreeEngine {
    /** IAVL v1 root hashes (docs/hashing.md): the conformance kit and the IAVL vectors apply. */
    String HASH_SCHEME_IAVL_V1 = "iavl-v1";
    /** Ethereum's Merkle Patricia trie roots (Keccak-256 over RLP): Ethereum's trie fixtures apply. */
    String HASH_SCHEME_ETH_MPT = "eth-mpt";
    /** No hash at all (the {@code flat} baseline): its root is a constant, nothing to compare. */
    String HASH_SCHEME_NONE = "none";

    /** The name users type ({@code --engine heap}) and results carry. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * What this engine's root hashes are: {@link #HASH_SCHEME_IAVL_V1}, {@link #HASH_SCHEME_ETH_MPT} or
     * {@link #HASH_SCHEME_NONE}. Roots are comparable only between engines of one scheme ({@code mbench simulate}
     * compares app hashes within a scheme; {@code mbench replay} checks expected roots only for a hashing scheme);
     * shown by {@code mbench engines -l} and carried by result rows.
     */
    String hashScheme();

    /**
     * Whether this engine can also keep its tree in a store that
     * {@linkplain io.merklebench.core.store.StoreFactory#holdsTreePages() holds tree pages} (it writes its own page
     * file in that store's directory). Every engine can use every key-value store. Default: false. The rule that
     * combines the two facts is {@link io.merklebench.core.registry.Registry#canUse}.
     */
    default boolean usesPageStores() {
        return false;
    }

    /**
     * Whether this engine's trees can iterate key ranges in order ({@code iterate}). Default: true. mpt cannot
     * (Tuweni's trie has no ordered iterator): commands whose work iterates ({@code mbench simulate} with range
     * readers) refuse it up front instead of failing part-way.
     */
    default boolean iteratesRanges() {
        return true;
    }

    /**
     * Whether this engine's trees accept {@link TreeOptions#fastIndex()}: {@code get} on the latest state from a
     * {@link FastIndex} that {@link AbstractMerkleTree} keeps consistent and rebuilds at open by iterating the latest
     * version. Default: false; {@link io.merklebench.core.registry.Registry#openTree} refuses the option for an
     * engine without it. mpt keeps none (it cannot iterate to rebuild one), flat none (its store is already a flat
     * index, and it is the baseline without any tree).
     */
    default boolean keepsFastIndex() {
        return false;
    }

    /**
     * Opens the tree persisted in {@code store} at its last saved version (an empty tree for an empty store). The tree
     * takes ownership of the store. An engine may keep its own files under {@code store.directory()}.
     *
     * @throws IllegalArgumentException when this engine cannot use this kind of store, with
     *                                  {@link io.merklebench.core.registry.Registry#refusal}'s message (an engine
     *                                  checks with {@link io.merklebench.core.registry.Registry#requireUsable(TreeEngine,
     *                                  KvStore)} before it reads the store)
     * @throws IllegalStateException    when the store holds data this engine cannot read, saying why
     */
    MerkleTree open(KvStore store, TreeOptions options);
}

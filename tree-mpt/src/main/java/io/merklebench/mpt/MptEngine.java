package io.merklebench.mpt;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.core.tree.TreeOptions;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Security;

/**
 * {@code mpt}: a peer, not one of our layouts. Ethereum's Merkle Patricia trie as Apache Tuweni implements it
 * ({@code tuweni-merkle-trie}), its nodes persisted by hash through our key-value stores, so it runs on every store
 * with the same counters, versions and TMSP cycle as the IAVL engines. Root hashes are Ethereum's (Keccak-256 over
 * RLP), not IAVL's.
 */
public final class MptEngine implements TreeEngine {
    public static final String NAME = "mpt";

    /** Tuweni hashes with {@code MessageDigest.getInstance("KECCAK-256")}, which the JDK lacks; BouncyCastle has it. */
    static void registerKeccak() {
        synchronized (MptEngine.class) {
            if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String hashScheme() {
        return HASH_SCHEME_ETH_MPT;
    }

    @Override
    public String description() {
        return "peer: Ethereum's Merkle Patricia trie (Apache Tuweni 2.3.1), nodes keyed by Keccak-256 hash in the"
            + " key-value store, one root record per saved version";
    }

    @Override
    public MerkleTree open(final KvStore store, final TreeOptions options) {
        Registry.requireUsable(this, store);
        Registry.requireFastIndex(this, options);
        registerKeccak();
        return new MptTree(store, options);
    }

    /** Tuweni's trie has no ordered key iterator ({@code MptReadableState#iterate} throws). */
    @Override
    public boolean iteratesRanges() {
        return false;
    }
}

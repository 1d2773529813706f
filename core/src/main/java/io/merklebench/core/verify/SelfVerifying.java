package io.merklebench.core.verify;

/**
 * A saved state of an engine whose nodes are not IAVL nodes (no {@link io.merklebench.core.tree.NodeView}), that
 * knows how to check itself: {@code mpt} walks its trie and rehashes every node, {@code flat} reads every entry.
 * {@link StateVerifier} asks a state for this before it falls back to the IAVL walk.
 */
public interface SelfVerifying {
    /**
     * Checks this state, stopping at the first damage.
     *
     * @return what was checked and the first damage, if any; damage is reported, never thrown
     */
    VerifyResult verify(VerifyProgress progress);
}

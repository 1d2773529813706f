package io.merklebench.core.conformance.tree;

import io.merklebench.core.tree.TreeReader;
import io.merklebench.core.verify.IavlVerifier;
import io.merklebench.core.verify.VerifyProgress;
import io.merklebench.core.verify.VerifyResult;

/**
 * The structural checks of a tree state for tests: {@link IavlVerifier}'s (heights and balance, sizes, leaf shape,
 * inner keys, key order, node versions, every stored hash recomputed), turning the first damage it reports into an
 * {@link AssertionError} that names the node's path from the root and the context given (e.g. the seed).
 */
public final class AvlInvariants {
    private AvlInvariants() {
    }

    /**
     * Checks every node of {@code state} and that its root hash and size are its root node's.
     *
     * @param context printed in failure messages (seed, version, step)
     */
    public static void check(final TreeReader state, final String context) {
        final VerifyResult result = IavlVerifier.verify(state, VerifyProgress.NONE);
        if (!result.healthy()) {
            throw new AssertionError(context + ": " + result.damage());
        }
    }
}

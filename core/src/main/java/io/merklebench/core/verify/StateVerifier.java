package io.merklebench.core.verify;

import io.merklebench.core.tree.TreeReader;

/**
 * Verifies one tree state with what its engine allows: a {@link SelfVerifying} state (an engine without IAVL nodes)
 * checks itself; every other state is walked node by node by {@link IavlVerifier}. Stateless.
 */
public final class StateVerifier {
    private StateVerifier() {
    }

    public static VerifyResult verify(final TreeReader state, final VerifyProgress progress) {
        if (state instanceof SelfVerifying self) {
            return self.verify(progress);
        }
        return IavlVerifier.verify(state, progress);
    }
}

package io.merklebench.simulate;

import io.merklebench.simulate.plan.Plan;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

import java.util.SplittableRandom;

/**
 * Picks the index of a live key ({@link LiveKeys}) by a phase's key choice: uniform, or zipfian over the keys live
 * when the chooser was made (rank 1, the hottest, is index 0), through commons-rng's rejection-inversion sampler.
 * A chooser is made per version (the zipfian support is the key count at the version's start); an index beyond the
 * keys left after deletes wraps around. Not thread-safe: one per thread.
 */
final class KeyChooser {
    private final SplittableRandom random;
    private final SharedStateDiscreteSampler zipf;

    private KeyChooser(final SplittableRandom random, final SharedStateDiscreteSampler zipf) {
        this.random = random;
        this.zipf = zipf;
    }

    /** A chooser over {@code liveKeys} keys (at least 1 for a zipfian choice to be made). */
    static KeyChooser of(final Plan.KeyChoice choice, final SplittableRandom random, final int liveKeys) {
        if (!choice.zipfian() || liveKeys < 1) {
            return new KeyChooser(random, null);
        }
        final UniformRandomProvider bits = random::nextLong;
        return new KeyChooser(random, RejectionInversionZipfSampler.of(bits, liveKeys, choice.exponent()));
    }

    /** An index in {@code [0, size)}; {@code size} must be at least 1. */
    int pick(final int size) {
        if (zipf == null) {
            return random.nextInt(size);
        }
        return (zipf.sample() - 1) % size;
    }
}

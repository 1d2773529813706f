package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.TreeReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * Compares a tree state with a {@link ReferenceModel}: size, lookups of present and absent keys, full and ranged
 * ordered iteration, early stop, and the structural {@link AvlInvariants}. Failures throw {@link AssertionError}
 * starting with the context given (seed, version, step), so a failing randomized run can be replayed.
 */
public final class TreeChecks {
    /** Lookups of present keys per check; all keys are looked up when there are fewer. */
    private static final int PRESENT_LOOKUPS = 2_000;
    /** Lookups of random keys the model does not hold, per check. */
    private static final int ABSENT_LOOKUPS = 50;
    /** Range iterations with random bounds, per check. */
    private static final int RANGE_ITERATIONS = 6;

    private TreeChecks() {
    }

    /** Every check below, including the AVL invariants and hash recomputation. */
    public static void checkState(final TreeReader state, final ReferenceModel model, final SplittableRandom random,
                                  final String context) {
        checkContents(state, model, random, context);
        AvlInvariants.check(state, context);
    }

    /** Size, lookups and iteration against the model. */
    public static void checkContents(final TreeReader state, final ReferenceModel model, final SplittableRandom random,
                                     final String context) {
        if (state.size() != model.size()) {
            throw new AssertionError(context + ": size=" + state.size() + " expected=" + model.size());
        }
        checkIteration(state, model, null, null, context);
        final List<byte[]> presentKeys = new ArrayList<>(model.entries().keySet());
        final int lookups = Math.min(PRESENT_LOOKUPS, presentKeys.size());
        for (int i = 0; i < lookups; i++) {
            final byte[] key = lookups == presentKeys.size()
                ? presentKeys.get(i) : presentKeys.get(random.nextInt(presentKeys.size()));
            final byte[] actual = state.get(key);
            if (!Arrays.equals(actual, model.get(key))) {
                throw new AssertionError(context + ": get(" + Bytes.toHex(key) + ")=" + Bytes.toHex(actual)
                    + " expected=" + Bytes.toHex(model.get(key)));
            }
        }
        for (int i = 0; i < ABSENT_LOOKUPS; i++) {
            final byte[] key = KeyGenerator.randomKey(random);
            if (!model.contains(key) && state.get(key) != null) {
                throw new AssertionError(context + ": get(" + Bytes.toHex(key) + ") of an absent key returned "
                    + Bytes.toHex(state.get(key)));
            }
        }
        for (int i = 0; i < RANGE_ITERATIONS; i++) {
            checkIteration(state, model, bound(random, model), bound(random, model), context);
        }
        checkEarlyStop(state, model, random, context);
    }

    /**
     * Size, full ordered iteration and a lookup of every key against {@code expected} (a map in unsigned key order),
     * using no randomness, for tests that mirror operations in a plain {@link java.util.TreeMap}.
     */
    public static void checkEntries(final TreeReader state, final SortedMap<byte[], byte[]> expected,
                                    final String context) {
        if (state.size() != expected.size()) {
            throw new AssertionError(context + ": size=" + state.size() + " expected=" + expected.size());
        }
        final ReferenceModel model = new ReferenceModel();
        for (final Map.Entry<byte[], byte[]> entry : expected.entrySet()) {
            model.set(entry.getKey(), entry.getValue());
        }
        checkIteration(state, model, null, null, context);
        for (final Map.Entry<byte[], byte[]> entry : expected.entrySet()) {
            final byte[] actual = state.get(entry.getKey());
            if (!Arrays.equals(actual, entry.getValue())) {
                throw new AssertionError(context + ": get(" + Bytes.toHex(entry.getKey()) + ")=" + Bytes.toHex(actual)
                    + " expected=" + Bytes.toHex(entry.getValue()));
            }
        }
    }

    /** Ordered iteration over {@code [fromInclusive, toExclusive)} yields exactly the model's entries. */
    public static void checkIteration(final TreeReader state, final ReferenceModel model,
                                      final byte[] fromInclusive, final byte[] toExclusive, final String context) {
        final List<Map.Entry<byte[], byte[]>> expected = new ArrayList<>(model.range(fromInclusive, toExclusive).entrySet());
        final List<byte[][]> actual = new ArrayList<>();
        state.iterate(fromInclusive, toExclusive, (key, value) -> actual.add(new byte[][] {key, value}));
        final String range = "iterate(from=" + Bytes.toHex(fromInclusive) + ", to=" + Bytes.toHex(toExclusive) + ")";
        if (actual.size() != expected.size()) {
            throw new AssertionError(context + ": " + range + " gave " + actual.size() + " entries, expected "
                + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(actual.get(i)[0], expected.get(i).getKey())
                || !Arrays.equals(actual.get(i)[1], expected.get(i).getValue())) {
                throw new AssertionError(context + ": " + range + " entry " + i + " is "
                    + Bytes.toHex(actual.get(i)[0]) + "=" + Bytes.toHex(actual.get(i)[1]) + ", expected "
                    + Bytes.toHex(expected.get(i).getKey()) + "=" + Bytes.toHex(expected.get(i).getValue()));
            }
        }
    }

    private static void checkEarlyStop(final TreeReader state, final ReferenceModel model,
                                       final SplittableRandom random, final String context) {
        final int stopAfter = 1 + random.nextInt(5);
        final int[] visited = new int[1];
        state.iterate(null, null, (key, value) -> ++visited[0] < stopAfter);
        final int expected = Math.min(stopAfter, model.size());
        if (visited[0] != expected) {
            throw new AssertionError(context + ": a visitor returning false after " + stopAfter
                + " entries was called " + visited[0] + " times, expected " + expected);
        }
    }

    /** A range bound: open, a present key, or a random key (present keys make bounds hit exactly). */
    private static byte[] bound(final SplittableRandom random, final ReferenceModel model) {
        final int kind = random.nextInt(4);
        if (kind == 0) {
            return null;
        }
        if (kind == 1 && !model.isEmpty()) {
            return model.somePresentKey(random, KeyGenerator.randomKey(random));
        }
        return KeyGenerator.randomKey(random);
    }
}

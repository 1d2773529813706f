package io.merklebench.simulate;

import io.merklebench.simulate.plan.Plan;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates a plan's operations version by version, from its seed alone: which kind of operation comes next (drawn
 * in proportion to the counts left in the version, so kinds and stores interleave), fresh keys for inserts, live keys
 * by the phase's key choice for updates, deletes and gets, and random values. Nothing depends on an engine, so every
 * engine gets the same operations. Not thread-safe.
 */
final class OperationGenerator {
    /** Lengths drawn above this are clamped: a normal tail must not produce a 2 GB key. */
    static final int MAX_LENGTH = 1 << 20;
    /** Fresh keys drawn in a row without finding one that is not live before the plan is declared impossible. */
    private static final int MAX_INSERT_ATTEMPTS = 1000;
    /** Operations a warm-up generates from each phase (about 50 ms of work once compiled). */
    static final long WARM_UP_OPERATIONS_PER_PHASE = 100_000;

    private final Plan plan;
    private final SplittableRandom random;
    private final LiveKeys[] liveKeys;
    private final long[] remaining;
    private long nextVersion = 1;

    OperationGenerator(final Plan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed());
        this.liveKeys = new LiveKeys[plan.stores().size()];
        for (int i = 0; i < liveKeys.length; i++) {
            liveKeys[i] = new LiveKeys();
        }
        this.remaining = new long[liveKeys.length * VersionOperations.KINDS];
    }

    /**
     * Runs a throwaway generator over the first versions of every phase of {@code plan} (about
     * {@link #WARM_UP_OPERATIONS_PER_PHASE} operations each), so that the JIT has compiled the paths a real run
     * takes (inserts, uniform and zipfian picks, values) before its first version is timed. Without it the
     * generator of a short plan spends most of its time interpreted or waiting for compiled code: 384 ns per
     * operation over hot-accounts' 610,000 against about 150 once compiled, a cost that belongs to the JVM, not to the
     * plan. The real generator is a new instance, so its operations are the same with or without a warm-up.
     *
     * @return the operations generated
     */
    static long warmUp(final Plan plan) {
        final List<Plan.Phase> shortened = plan.phases().stream().map(phase -> {
            final long perVersion = phase.operations().values().stream().mapToLong(Plan.Operations::total).sum();
            final long versions = perVersion == 0 ? 1
                : Math.min(phase.versions(), (WARM_UP_OPERATIONS_PER_PHASE + perVersion - 1) / perVersion);
            return new Plan.Phase(phase.name(), versions, phase.keyChoice(), phase.operations());
        }).toList();
        final Plan warmUpPlan = new Plan(plan.name(), plan.description(), plan.seed(), plan.stores(), shortened,
            plan.readers(), plan.pruning(), plan.durability(), plan.cache(), plan.diskUsageEvery());
        final OperationGenerator generator = new OperationGenerator(warmUpPlan);
        final VersionOperations operations = new VersionOperations();
        long generated = 0;
        try {
            for (long version = 1; version <= warmUpPlan.totalVersions(); version++) {
                generator.next(operations);
                generated += operations.count();
            }
        } catch (final IllegalStateException noKeysLeft) {
            // A phase whose deletes outrun its inserts can empty a store once the phases before it are shortened:
            // the paths are compiled by then.
        }
        return generated;
    }

    /** The live keys of store {@code storeIndex}, for readers' snapshots. */
    LiveKeys liveKeys(final int storeIndex) {
        return liveKeys[storeIndex];
    }

    /** Keys live in every store together. */
    long keyCount() {
        long keys = 0;
        for (final LiveKeys keysOfStore : liveKeys) {
            keys += keysOfStore.size();
        }
        return keys;
    }

    /** Fills {@code into} with the operations of the next version (1, 2, ...). */
    void next(final VersionOperations into) {
        final long version = nextVersion++;
        final Plan.Phase phase = plan.phaseOf(version);
        into.reset(version);
        long total = 0;
        final KeyChooser[] choosers = new KeyChooser[liveKeys.length];
        for (int store = 0; store < liveKeys.length; store++) {
            final Plan.Operations counts = phase.operations().get(plan.stores().get(store).name());
            final int base = store * VersionOperations.KINDS;
            remaining[base + VersionOperations.INSERT] = counts == null ? 0 : counts.inserts();
            remaining[base + VersionOperations.UPDATE] = counts == null ? 0 : counts.updates();
            remaining[base + VersionOperations.DELETE] = counts == null ? 0 : counts.deletes();
            remaining[base + VersionOperations.GET] = counts == null ? 0 : counts.gets();
            total += counts == null ? 0 : counts.total();
            choosers[store] = KeyChooser.of(phase.keyChoice(), random, liveKeys[store].size());
        }
        for (long left = total; left > 0; left--) {
            long draw = random.nextLong(left);
            int slot = 0;
            while (draw >= remaining[slot]) {
                draw -= remaining[slot];
                slot++;
            }
            remaining[slot]--;
            final int store = slot / VersionOperations.KINDS;
            final byte kind = (byte) (slot % VersionOperations.KINDS);
            addOperation(into, kind, store, choosers[store]);
        }
    }

    private void addOperation(final VersionOperations into, final byte kind, final int store,
                              final KeyChooser chooser) {
        final Plan.Store shape = plan.stores().get(store);
        final LiveKeys keys = liveKeys[store];
        switch (kind) {
            case VersionOperations.INSERT -> into.add(kind, store, freshKey(shape, keys), bytes(shape.valueLength(), 0));
            case VersionOperations.UPDATE -> into.add(kind, store, pickLive(keys, chooser, kind), bytes(shape.valueLength(), 0));
            case VersionOperations.DELETE -> into.add(kind, store, keys.removeAt(chooseIndex(keys, chooser, kind)), null);
            default -> into.add(kind, store, pickLive(keys, chooser, kind), null);
        }
    }

    private byte[] pickLive(final LiveKeys keys, final KeyChooser chooser, final byte kind) {
        return keys.get(chooseIndex(keys, chooser, kind));
    }

    private int chooseIndex(final LiveKeys keys, final KeyChooser chooser, final byte kind) {
        if (keys.size() == 0) {
            // PlanFile checks that counts leave keys for every pick; this guards a plan built in code.
            throw new IllegalStateException("no live key left for a " + kindName(kind) + " at version " + (nextVersion - 1));
        }
        return chooser.pick(keys.size());
    }

    private byte[] freshKey(final Plan.Store shape, final LiveKeys keys) {
        for (int attempt = 0; attempt < MAX_INSERT_ATTEMPTS; attempt++) {
            final byte[] key = bytes(shape.keyLength(), 1);
            if (keys.add(key)) {
                return key;
            }
        }
        throw new IllegalStateException("store " + shape.name() + ": no fresh key found in " + MAX_INSERT_ATTEMPTS
            + " attempts with " + keys.size() + " live keys; the key length (mean " + shape.keyLength().mean()
            + ") leaves too few distinct keys");
    }

    private byte[] bytes(final Plan.Length length, final int minimum) {
        final double drawn = length.mean() + length.stddev() * random.nextGaussian();
        final int size = (int) Math.max(minimum, Math.min(MAX_LENGTH, Math.round(drawn)));
        final byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    static String kindName(final byte kind) {
        return switch (kind) {
            case VersionOperations.INSERT -> "insert";
            case VersionOperations.UPDATE -> "update";
            case VersionOperations.DELETE -> "delete";
            default -> "get";
        };
    }
}

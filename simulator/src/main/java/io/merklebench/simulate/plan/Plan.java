package io.merklebench.simulate.plan;

import java.util.List;
import java.util.Map;

/**
 * A simulation plan, as read from its JSON file by {@link PlanFile} (which also checks it and fills defaults): the
 * named trees of a chain, the phases of versions and their operations, the readers, pruning, durability and cache.
 * The same plan and seed give the same operations on every engine. Immutable; the field names are the JSON names.
 *
 * @param name            what the plan is called in results (the file name without {@code .json} when absent)
 * @param description     what the plan is for (free text)
 * @param seed            seeds every random choice of the committer (keys, values, the order of operations)
 * @param stores          the named trees, each with its key and value length distributions
 * @param phases          the versions, in order, and each one's operations per store
 * @param readers         threads reading the last saved version while the next is applied
 * @param pruning         which saved versions are deleted, and how often
 * @param durability      which versions are saved with a sync
 * @param cache           the engines' node cache and page-cache eviction
 * @param diskUsageEvery  measure the stores' disk usage every this many versions (and at the last)
 */
public record Plan(
    String name, String description, Long seed, List<Store> stores, List<Phase> phases, Readers readers,
    Pruning pruning, Durability durability, Cache cache, int diskUsageEvery) {

    /** A named tree: its keys' and values' lengths in bytes are drawn from normal distributions. */
    public record Store(String name, Length keyLength, Length valueLength) {
    }

    /** A normal distribution of lengths in bytes, rounded and clamped (keys to at least 1, values to 0). */
    public record Length(double mean, double stddev) {
    }

    /**
     * A run of versions with the same operations per version.
     *
     * @param operations store name to that store's operations in each version of the phase; a store not named
     *                   does nothing in this phase
     * @param keyChoice  how updates, deletes and gets (and the readers) pick existing keys
     */
    public record Phase(String name, long versions, KeyChoice keyChoice, Map<String, Operations> operations) {
    }

    /** Counts per version. Inserts add new keys; updates, deletes and gets pick existing ones. */
    public record Operations(long inserts, long updates, long deletes, long gets) {
        public long total() {
            return inserts + updates + deletes + gets;
        }

        Operations scaled(final double factor) {
            return new Operations(Math.round(inserts * factor), Math.round(updates * factor),
                Math.round(deletes * factor), Math.round(gets * factor));
        }
    }

    /**
     * {@code uniform}: every live key equally likely; {@code zipfian}: the key inserted k-th (among the live ones)
     * with weight {@code 1 / k^exponent}, so a few keys are hot, as real accounts are.
     */
    public record KeyChoice(String distribution, Double exponent) {
        public static final String UNIFORM = "uniform";
        public static final String ZIPFIAN = "zipfian";
        public static final KeyChoice DEFAULT = new KeyChoice(UNIFORM, null);

        public boolean zipfian() {
            return ZIPFIAN.equals(distribution);
        }
    }

    /**
     * Reader threads on one store: gets of existing keys (picked by the phase's key choice) in a loop, and, when
     * {@code rangeLength > 0}, after every {@code rangeEvery} gets a range iteration of {@code rangeLength} entries.
     */
    public record Readers(int threads, String store, int rangeLength, int rangeEvery) {
        public static final Readers NONE = new Readers(0, null, 0, 0);
    }

    /** Every {@code interval} versions, delete the saved versions older than the {@code keepRecent} newest heights. */
    public record Pruning(int keepRecent, int interval) {
        public static final Pruning NONE = new Pruning(0, 0);

        public boolean prunes() {
            return keepRecent > 0;
        }
    }

    /** Versions whose number is a multiple of {@code every} are saved with a sync; 0: none is. */
    public record Durability(int every) {
        public static final Durability EVERY_VERSION = new Durability(1);

        public boolean durable(final long version) {
            return every > 0 && version % every == 0;
        }
    }

    /**
     * @param nodes               the engines' node cache in nodes (0: the engine's default)
     * @param evictPageCacheEvery drop the stores' files from the OS page cache before every this many versions (0:
     *                            never)
     */
    public record Cache(int nodes, int evictPageCacheEvery) {
        public static final Cache DEFAULT = new Cache(0, 0);

        public boolean evicts(final long version) {
            return evictPageCacheEvery > 0 && version % evictPageCacheEvery == 0;
        }
    }

    /**
     * This plan with every operation count multiplied by {@code factor} and rounded (the same versions, so a plan
     * written for a small state can be run at a larger one). Check the result again ({@link PlanFile#parse}): deletes
     * that rounding leaves without keys are refused there.
     */
    public Plan scaled(final double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the scale factor must be above 0: scale=" + factor);
        }
        final List<Phase> scaledPhases = phases.stream().map(phase -> new Phase(phase.name(), phase.versions(),
            phase.keyChoice(), phase.operations().entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, entry -> entry.getValue().scaled(factor))))).toList();
        return new Plan(name, description, seed, stores, scaledPhases, readers, pruning, durability, cache,
            diskUsageEvery);
    }

    /** Versions over all phases. */
    public long totalVersions() {
        return phases.stream().mapToLong(Phase::versions).sum();
    }

    /** The phase version {@code version} (1-based over all phases) belongs to. */
    public Phase phaseOf(final long version) {
        long end = 0;
        for (final Phase phase : phases) {
            end += phase.versions();
            if (version <= end) {
                return phase;
            }
        }
        throw new IllegalArgumentException("version " + version + " is beyond the plan's " + end + " versions");
    }

    /** Keys in all stores after the first {@code versions} versions (inserts minus deletes). */
    public long keysAfter(final long versions) {
        return sumOver(versions, operations -> operations.inserts() - operations.deletes());
    }

    /** Sets (inserts and updates) over the first {@code versions} versions, all stores: what a store writes. */
    public long setsIn(final long versions) {
        return sumOver(versions, operations -> operations.inserts() + operations.updates());
    }

    /** {@code perVersion} of every store's operations, summed over the first {@code versions} versions. */
    private long sumOver(final long versions, final java.util.function.ToLongFunction<Operations> perVersion) {
        long sum = 0;
        long left = versions;
        for (final Phase phase : phases) {
            final long inPhase = Math.min(left, phase.versions());
            for (final Operations operations : phase.operations().values()) {
                sum += inPhase * perVersion.applyAsLong(operations);
            }
            left -= inPhase;
        }
        return sum;
    }

    /** Index of the store called {@code storeName} in {@link #stores}, or -1. */
    public int storeIndex(final String storeName) {
        for (int i = 0; i < stores.size(); i++) {
            if (stores.get(i).name().equals(storeName)) {
                return i;
            }
        }
        return -1;
    }
}

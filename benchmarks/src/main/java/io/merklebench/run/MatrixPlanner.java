package io.merklebench.run;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.results.ResultColumns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Expands a {@link Profile} into {@link PlannedCase}s: for each family entry, each benchmark it covers, and every
 * combination of param values (the entry's values, else the benchmark's default; {@code engine} and {@code store}
 * from the user's selection, narrowed by the entry). Then:
 * <ul>
 *   <li>on a store that is not persistent, {@code durable} is only run as {@code false}: with no device there is
 *       no sync, so a durable row would repeat the other;</li>
 *   <li>{@code threads}, when an entry gives it, is swept like a param and becomes JMH's thread count;</li>
 *   <li>identical cases from two entries run once;</li>
 *   <li>a case whose engine cannot use its store ({@code heap} on {@code pagefile}), or a benchmark without an
 *       engine (store baselines, fsync, batching) on a store that holds no key-value entries, is skipped, not
 *       failed: {@link MatrixPlan#skipped()} keeps it with the registry's reason ({@link #REGISTRY_RULE});</li>
 *   <li>a case with {@code fastIndex=true} whose engine keeps no fast index (mpt, flat), or of
 *       {@code memory.breakdown}, is skipped the same way ({@link #fastIndexRefusal});</li>
 *   <li>{@code --filter} keeps the cases whose {@link PlannedCase#label()} contains a match
 *       ({@code query}, {@code store=rocksdb}, {@code ^block.tx .*size=1000000}).</li>
 * </ul>
 * Stateless apart from its inputs; thread-safe.
 */
public final class MatrixPlanner {
    /** The family that needs an engine's IAVL nodes ({@link #familyRefusal}). */
    static final String HASH_FAMILY = "hash";

    /** Why a case cannot run on its store, or {@code null} when it can. */
    @FunctionalInterface
    public interface StoreRule {
        /**
         * @param engine the case's engine, or {@code null} for a benchmark that uses the store directly
         * @param store  the case's store
         */
        String refusal(String engine, String store);
    }

    /** The registry's rule ({@link Registry#canUse}): what {@code mbench run} plans with. */
    public static final StoreRule REGISTRY_RULE =
        (engine, store) -> engine == null ? Registry.keyValueRefusal(store) : Registry.refusal(engine, store);

    private final BenchmarkCatalog catalog;
    private final Predicate<String> persistentStore;
    private final StoreRule storeRule;

    /**
     * A planner that skips what the registry's rule refuses.
     *
     * @param persistentStore whether a store name is persistent ({@code StoreFactory.persistent()})
     */
    public MatrixPlanner(final BenchmarkCatalog catalog, final Predicate<String> persistentStore) {
        this(catalog, persistentStore, REGISTRY_RULE);
    }

    public MatrixPlanner(final BenchmarkCatalog catalog, final Predicate<String> persistentStore,
                         final StoreRule storeRule) {
        this.catalog = catalog;
        this.persistentStore = persistentStore;
        this.storeRule = storeRule;
    }

    /**
     * @param engines engines to run, already validated (registry names)
     * @param stores  stores to run, already validated
     * @param filter  keeps matching case labels; {@code null} keeps all
     */
    public List<PlannedCase> plan(final Profile profile, final List<String> engines, final List<String> stores,
                                  final Pattern filter) {
        return planWithSkipped(profile, engines, stores, filter).cases();
    }

    /** As {@link #plan}, with the cases the store rule left out; {@code stores} were named by the user. */
    public MatrixPlan planWithSkipped(final Profile profile, final List<String> engines, final List<String> stores,
                                      final Pattern filter) {
        return planWithSkipped(profile, engines, stores, true, filter);
    }

    /**
     * As {@link #plan}, with the cases the store rule left out.
     *
     * @param storesNamed whether the user named {@code stores}; when not, they are the profile's defaults, and an
     *                    entry with its own {@link FamilyPlan#defaultStores()} runs on those (the registered ones)
     */
    public MatrixPlan planWithSkipped(final Profile profile, final List<String> engines, final List<String> stores,
                                      final boolean storesNamed, final Pattern filter) {
        final Set<String> seen = new LinkedHashSet<>();
        final List<PlannedCase> cases = new ArrayList<>();
        final List<MatrixPlan.Skipped> skipped = new ArrayList<>();
        for (final FamilyPlan family : profile.families()) {
            boolean coversAny = false;
            for (final String benchmark : catalog.benchmarks()) {
                if (!family.covers(benchmark)) {
                    continue;
                }
                coversAny = true;
                final List<String> familyStores = storesNamed || family.defaultStores().isEmpty() ? stores
                    : family.defaultStores().stream().filter(Registry.storeNames()::contains).toList();
                for (final Map<String, String> params
                    : combinations(family, catalog.params(benchmark), engines, familyStores)) {
                    final PlannedCase planned = new PlannedCase(family.family(), benchmark, params, family.timing());
                    if ((filter == null || filter.matcher(planned.label()).find())
                        && seen.add(benchmark + params)) {
                        final String storeRefusal = params.containsKey(ResultColumns.STORE)
                            ? storeRule.refusal(params.get(ResultColumns.ENGINE), params.get(ResultColumns.STORE))
                            : null;
                        final String familyRefusal = familyRefusal(family.family(), params.get(ResultColumns.ENGINE));
                        final String refusal = storeRefusal != null ? storeRefusal
                            : familyRefusal != null ? familyRefusal : fastIndexRefusal(planned.benchmark(), params);
                        if (refusal == null) {
                            cases.add(planned);
                        } else {
                            skipped.add(new MatrixPlan.Skipped(planned, refusal));
                        }
                    }
                }
            }
            if (!coversAny) {
                throw new IllegalStateException("profile " + profile.name() + ": family " + family.family()
                    + " names no compiled benchmark: jmhPrefix=" + family.jmhPrefix());
            }
        }
        return new MatrixPlan(cases, skipped);
    }

    private List<Map<String, String>> combinations(final FamilyPlan family, final Map<String, List<String>> declared,
                                                   final List<String> engines, final List<String> stores) {
        final Map<String, List<String>> axes = new LinkedHashMap<>();
        for (final Map.Entry<String, List<String>> param : inColumnOrder(declared).entrySet()) {
            final String name = param.getKey();
            final List<String> fromProfile = family.paramValues().get(name);
            if (name.equals(ResultColumns.ENGINE)) {
                axes.put(name, narrow(engines, fromProfile));
            } else if (name.equals(ResultColumns.STORE)) {
                axes.put(name, narrow(stores, fromProfile));
            } else {
                axes.put(name, fromProfile != null ? fromProfile : List.of(param.getValue().get(0)));
            }
        }
        // JMH's thread count is no @Param, but a profile may sweep it (the batch family's committers): an extra axis.
        final List<String> threads = family.paramValues().get(ResultColumns.THREADS);
        if (threads != null) {
            axes.put(ResultColumns.THREADS, threads);
        }
        final List<Map<String, String>> result = new ArrayList<>();
        expand(new ArrayList<>(axes.entrySet()), 0, new LinkedHashMap<>(), result);
        final List<Map<String, String>> kept = new ArrayList<>();
        final Set<Map<String, String>> unique = new LinkedHashSet<>();
        for (final Map<String, String> params : result) {
            final Map<String, String> adjusted = new LinkedHashMap<>(params);
            final String store = adjusted.get(ResultColumns.STORE);
            if (store != null && adjusted.containsKey(ResultColumns.DURABLE) && !persistentStore.test(store)) {
                adjusted.put(ResultColumns.DURABLE, "false");
            }
            if (unique.add(adjusted)) {
                kept.add(adjusted);
            }
        }
        return kept;
    }

    /** The CSV's param columns first, in the CSV's order (labels read engine, store, size, ...), then the others. */
    private static Map<String, List<String>> inColumnOrder(final Map<String, List<String>> declared) {
        final Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            if (declared.containsKey(column)) {
                ordered.put(column, declared.get(column));
            }
        }
        declared.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** The selection, or the part of it the profile names (the profile cannot add what the user left out). */
    private static List<String> narrow(final List<String> selected, final List<String> fromProfile) {
        if (fromProfile == null) {
            return selected;
        }
        final List<String> narrowed = new ArrayList<>();
        for (final String name : selected) {
            if (fromProfile.contains(name)) {
                narrowed.add(name);
            }
        }
        return narrowed;
    }

    private static void expand(final List<Map.Entry<String, List<String>>> axes, final int axisIndex,
                               final Map<String, String> current, final List<Map<String, String>> out) {
        if (axisIndex == axes.size()) {
            out.add(new LinkedHashMap<>(current));
            return;
        }
        final Map.Entry<String, List<String>> axis = axes.get(axisIndex);
        for (final String value : axis.getValue()) {
            current.put(axis.getKey(), value);
            expand(axes, axisIndex + 1, current, out);
        }
        current.remove(axis.getKey());
    }

    /**
     * Why a case cannot run with the fast index, or {@code null}: {@code fastIndex=true} on an engine that keeps none
     * ({@code TreeEngine.keepsFastIndex}), which would refuse to open, or on {@code memory.breakdown}, which breaks
     * down the tree's own heap and whose CSV has no fastIndex column (the index's bytes are
     * {@code memory.fastIndexPerKey}). Names the registry does not know pass.
     */
    static String fastIndexRefusal(final String benchmark, final Map<String, String> params) {
        if (!Boolean.parseBoolean(params.get(ResultColumns.FAST_INDEX))) {
            return null;
        }
        if (RowMapper.MEMORY_BREAKDOWN_CASE.equals(benchmark)) {
            return "memory.breakdown is of the tree without its index (memory.fastIndexPerKey has the index's bytes):"
                + " fastIndex=true";
        }
        final String engine = params.get(ResultColumns.ENGINE);
        if (engine == null || !Registry.engineNames().contains(engine) || Registry.engine(engine).keepsFastIndex()) {
            return null;
        }
        return "engine " + engine + " keeps no fast index: fastIndex=true";
    }

    /**
     * Why a family cannot measure an engine, or {@code null}: the {@code hash} family compares IAVL hashing with the
     * SHA-256 of the very IAVL preimages it rehashes (read through {@code root()}), so it measures only engines of
     * hash scheme {@code iavl-v1}; mpt and flat rows there would mean nothing. Names the registry does not know (test
     * planners' own) pass.
     */
    static String familyRefusal(final String family, final String engine) {
        if (engine == null || !HASH_FAMILY.equals(family) || !Registry.engineNames().contains(engine)) {
            return null;
        }
        final String scheme = Registry.engine(engine).hashScheme();
        return TreeEngine.HASH_SCHEME_IAVL_V1.equals(scheme) ? null : "family " + HASH_FAMILY + " measures IAVL"
            + " hashing against its SHA-256 floor: engine " + engine + " has hash scheme " + scheme;
    }
}

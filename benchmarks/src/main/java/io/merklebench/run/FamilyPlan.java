package io.merklebench.run;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of a {@link Profile}: a benchmark family (the first part of the {@code results.csv} benchmark name), the
 * JMH benchmarks that make it up, the values of each param to sweep, and how long to measure. Params a benchmark
 * does not declare are ignored for it; params not given keep the benchmark's {@code @Param} default. Values given
 * for {@code engine} or {@code store} narrow the user's selection (e.g. hashing does not depend on the store, so a
 * profile may run it on {@code mem} only). Immutable.
 *
 * <p>Build with {@code FamilyPlan.of("query", "io.merklebench.bench.query.").param("size", "100000").timing(t)}.
 *
 * @param family      the CSV family name, e.g. {@code query}; the case is the benchmark method's name
 * @param jmhPrefix   the start of the JMH benchmark names that belong to this entry: a package
 *                    ({@code io.merklebench.bench.query.}) or one class ({@code io.merklebench.bench.write.UpdateBench.})
 * @param paramValues param name to the values to run, in order
 * @param timing      iterations per fork
 * @param defaultStores the stores this entry runs on when the run names no {@code --stores}, instead of the
 *                    profile's default stores (empty: the profile's); for store-level comparisons, such as the three
 *                    mappings of the record log, that the tree families need not repeat
 */
public record FamilyPlan(String family, String jmhPrefix, Map<String, List<String>> paramValues, Timing timing,
                         List<String> defaultStores) {

    private static final Pattern FAMILY_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Timing UNSET = Timing.singleShot(0, 1);

    public FamilyPlan {
        if (!FAMILY_NAME.matcher(family).matches()) {
            throw new IllegalArgumentException("family must be a lower-case word (the CSV benchmark prefix): family="
                + family);
        }
        if (jmhPrefix.isEmpty()) {
            throw new IllegalArgumentException("jmhPrefix must name a package or class: family=" + family);
        }
        final Map<String, List<String>> copy = new LinkedHashMap<>();
        paramValues.forEach((name, values) -> {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("param " + name + " of family " + family + " needs at least one value");
            }
            copy.put(name, List.copyOf(values));
        });
        paramValues = Collections.unmodifiableMap(copy);
        defaultStores = List.copyOf(defaultStores);
    }

    public static FamilyPlan of(final String family, final String jmhPrefix) {
        return new FamilyPlan(family, jmhPrefix, Map.of(), UNSET, List.of());
    }

    /** This plan with {@code name} swept over {@code values} (replacing earlier values of it). */
    public FamilyPlan param(final String name, final String... values) {
        final Map<String, List<String>> more = new LinkedHashMap<>(paramValues);
        more.put(name, Arrays.asList(values));
        return new FamilyPlan(family, jmhPrefix, more, timing, defaultStores);
    }

    public FamilyPlan timing(final Timing newTiming) {
        return new FamilyPlan(family, jmhPrefix, paramValues, newTiming, defaultStores);
    }

    /**
     * This plan run on {@code stores} (those registered) when the run names no {@code --stores}; a run that names
     * stores narrows this entry to them as any other.
     */
    public FamilyPlan defaultStores(final String... stores) {
        return new FamilyPlan(family, jmhPrefix, paramValues, timing, Arrays.asList(stores));
    }

    /** Whether JMH benchmark {@code jmhName} ({@code package.Class.method}) belongs to this entry. */
    public boolean covers(final String jmhName) {
        return jmhName.startsWith(jmhPrefix);
    }
}

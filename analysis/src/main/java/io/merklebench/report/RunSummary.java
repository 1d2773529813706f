package io.merklebench.report;

import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.Direction;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.ForkSummary;
import io.merklebench.stats.VerdictRules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer a report leads with, for one run: for each benchmark case and workload, the best row (the fastest
 * engine x store, or the fastest sync method, store or row where a family has no engines) with its centre and 95%
 * interval over its forks, every other row as a factor of the best with the interval of that factor and a verdict
 * ({@link ForkComparison} of the row against the best under {@link VerdictRules}), and the rows whose forks disagree
 * too much for any verdict. Immutable.
 *
 * <p>Like is compared with like: rows are grouped by benchmark, unit and every {@linkplain #WORKLOAD_PARAMS workload
 * parameter} (tree size, key and value length, block size, write size, batch, threads), so a row of 10k keys is never
 * ranked against one of 1M keys, nor a batch of 64 writes against a single write. What is left to differ inside a
 * group is the competitor: engine, store, its durability, the sync method.
 *
 * <p>Factors always read "times worse than the best": time per op and bytes per key divide the row by the best
 * (lower is better), throughput divides the best by the row (higher is better), so 1.50x means the row takes half as
 * long again, or does two thirds of the work per second.
 */
final class RunSummary {
    /** Parameters that choose the workload rather than the competitor; a group holds one value of each. */
    static final List<String> WORKLOAD_PARAMS = List.of(ResultColumns.SIZE, ResultColumns.KEY_LEN,
        ResultColumns.VALUE_LEN, ResultColumns.BLOCK_SIZE, ResultColumns.WRITE_SIZE, ResultColumns.BATCH,
        ResultColumns.THREADS);
    /** What a group ranks, named first in a row's label. */
    private static final List<String> COMPETITOR_PARAMS = List.of(ResultColumns.ENGINE, ResultColumns.STORE);

    /**
     * One row of a group.
     *
     * @param key            the row
     * @param forks          its per-fork centre and interval
     * @param againstBest    the row compared with the group's best (base = best); null for the best itself
     * @param factor         times worse than the best (1 for the best), NaN if a centre is 0
     * @param factorLow      lower end of the 95% interval of the factor, NaN without a test
     * @param factorHigh     upper end
     * @param hashScheme     the engine's hash scheme (empty without an engine, or not recorded): marks the peers
     */
    record Entry(RowKey key, ForkSummary forks, ForkComparison againstBest, double factor, double factorLow,
                 double factorHigh, String hashScheme) {
        /** {@code " (peer)"} for mpt's scheme, {@code " (baseline)"} for flat's, else empty. */
        String role() {
            return switch (hashScheme) {
                case PeerRatios.MPT -> " (peer)";
                case PeerRatios.FLAT -> " (baseline)";
                default -> "";
            };
        }
    }

    /**
     * The rows of one benchmark, unit and workload, best first.
     *
     * @param benchmark {@code family.case}
     * @param workload  the workload parameters, in column order
     * @param unit      the unit of every row
     * @param direction which way is better
     * @param entries   best first, then by factor
     */
    record Group(String benchmark, Map<String, String> workload, String unit, Direction direction,
                 List<Entry> entries) {
        /**
         * {@code heap × mem}, {@code method=fsync}: engine and store, plus the other competitor parameters
         * ({@code durable}, {@code method}) only where they tell rows of this group apart that engine and store
         * do not (a mem row is never durable and a rocksdb row always is, so {@code durable} would only repeat the
         * store); {@code -} when nothing does.
         */
        String competitor(final Entry entry) {
            final List<String> parts = new ArrayList<>();
            final Map<String, String> params = entry.key().params();
            final String engine = params.get(ResultColumns.ENGINE);
            final String store = params.get(ResultColumns.STORE);
            if (engine != null && store != null) {
                parts.add(engine + " \u00d7 " + store + entry.role());
            } else if (engine != null || store != null) {
                parts.add(engine != null ? engine + entry.role() : store);
            }
            params.forEach((name, value) -> {
                if (!COMPETITOR_PARAMS.contains(name) && !WORKLOAD_PARAMS.contains(name) && tellsApart(name)) {
                    parts.add(name + "=" + value);
                }
            });
            return parts.isEmpty() ? "-" : String.join(" ", parts);
        }

        /** True if two rows with the same engine and store differ in {@code param}. */
        private boolean tellsApart(final String param) {
            final Map<String, String> valueByCompetitor = new LinkedHashMap<>();
            for (final Entry entry : entries) {
                final Map<String, String> params = entry.key().params();
                final String competitor = params.get(ResultColumns.ENGINE) + "/" + params.get(ResultColumns.STORE);
                final String value = String.valueOf(params.get(param));
                final String earlier = valueByCompetitor.putIfAbsent(competitor, value);
                if (earlier != null && !earlier.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        String family() {
            return benchmark.substring(0, benchmark.indexOf('.'));
        }

        Entry best() {
            return entries.get(0);
        }

        List<Entry> others() {
            return entries.subList(1, entries.size());
        }
    }

    /**
     * A row whose 95% interval is wider than {@link VerdictRules#maxIntervalPercent()}.
     *
     * @param key   the row
     * @param unit  its unit
     * @param forks its forks
     */
    record UnstableRow(RowKey key, String unit, ForkSummary forks) {
    }

    private final RunFolder run;
    private final VerdictRules rules;
    private final List<Group> groups;
    private final List<UnstableRow> unstableRows;
    private final int rowCount;
    private final int singleForkRowCount;

    private RunSummary(final RunFolder run, final VerdictRules rules, final List<Group> groups,
                       final List<UnstableRow> unstableRows, final int rowCount, final int singleForkRowCount) {
        this.run = run;
        this.rules = rules;
        this.groups = groups;
        this.unstableRows = unstableRows;
        this.rowCount = rowCount;
        this.singleForkRowCount = singleForkRowCount;
    }

    /** Summarises every row of {@code run}. */
    static RunSummary of(final RunFolder run, final VerdictRules rules) {
        final Map<String, List<ResultRow>> byGroup = new TreeMap<>();
        for (final ResultRow row : run.results()) {
            final String groupKey = row.benchmark() + '\u0000' + row.unit() + '\u0000' + workloadOf(row.key());
            byGroup.computeIfAbsent(groupKey, key -> new ArrayList<>()).add(row);
        }
        final List<Group> groups = new ArrayList<>();
        final List<UnstableRow> unstable = new ArrayList<>();
        int singleFork = 0;
        for (final List<ResultRow> rows : byGroup.values()) {
            final String unit = rows.get(0).unit();
            final Direction direction = Direction.ofUnit(unit);
            final List<RowKey> keys = rows.stream().map(ResultRow::key).sorted().toList();
            final Map<RowKey, String> schemeByKey = new LinkedHashMap<>();
            rows.forEach(row -> schemeByKey.put(row.key(), row.hashScheme()));
            final Map<RowKey, ForkSummary> forksByKey = new LinkedHashMap<>();
            for (final RowKey key : keys) {
                final ForkSummary forks = RunDiff.forksOf(run, key);
                forksByKey.put(key, forks);
                singleFork += forks.forkCount() < ForkComparison.MINIMUM_FORKS ? 1 : 0;
                if (forks.halfWidthPercent() > rules.maxIntervalPercent()) {
                    unstable.add(new UnstableRow(key, unit, forks));
                }
            }
            final RowKey bestKey = keys.stream().min(Comparator
                .comparingDouble((RowKey key) -> badness(forksByKey.get(key).centre(), direction))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
            final ForkSummary best = forksByKey.get(bestKey);
            final List<Entry> others = new ArrayList<>();
            for (final RowKey key : keys) {
                if (!key.equals(bestKey)) {
                    others.add(entry(key, best, forksByKey.get(key), rules, direction, schemeByKey.get(key)));
                }
            }
            others.sort(Comparator.comparingDouble(Entry::factor).thenComparing(Entry::key));
            final List<Entry> entries = new ArrayList<>();
            entries.add(new Entry(bestKey, best, null, 1, Double.NaN, Double.NaN, schemeByKey.get(bestKey)));
            entries.addAll(others);
            final RowKey first = keys.get(0);
            groups.add(new Group(first.benchmark(), workloadParams(first), unit, direction, List.copyOf(entries)));
        }
        // A key of only benchmark and workload sorts sizes numerically (10000 before 100000 before 1000000).
        groups.sort(Comparator.comparing((Group group) -> new RowKey(group.benchmark(), group.workload()))
            .thenComparing(Group::unit));
        unstable.sort(Comparator.comparingDouble((UnstableRow row) -> -row.forks().noisePercent())
            .thenComparing(UnstableRow::key));
        return new RunSummary(run, rules, List.copyOf(groups), List.copyOf(unstable), run.results().size(),
            singleFork);
    }

    RunFolder run() {
        return run;
    }

    VerdictRules rules() {
        return rules;
    }

    /** Groups ordered by benchmark, then by workload. */
    List<Group> groups() {
        return groups;
    }

    /** Rows noisier than the ceiling, noisiest first. */
    List<UnstableRow> unstableRows() {
        return unstableRows;
    }

    int rowCount() {
        return rowCount;
    }

    /** Rows with fewer than {@link ForkComparison#MINIMUM_FORKS} forks: no interval, no noise, no verdict. */
    int singleForkRowCount() {
        return singleForkRowCount;
    }

    /** {@code fastest}, {@code smallest} (bytes) or {@code lowest} (unit without a direction): the best's word. */
    static String bestWord(final String unit, final Direction direction) {
        if (isBytes(unit)) {
            return "smallest";
        }
        return direction == Direction.UNKNOWN ? "lowest" : "fastest";
    }

    /** {@code slower}, {@code larger} (bytes) or {@code higher}: the word after a factor. */
    static String worseWord(final String unit, final Direction direction) {
        if (isBytes(unit)) {
            return "larger";
        }
        return direction == Direction.UNKNOWN ? "higher" : "slower";
    }

    /** The workload parameters of {@code key}, in column order. */
    static Map<String, String> workloadParams(final RowKey key) {
        final Map<String, String> workload = new LinkedHashMap<>();
        key.params().forEach((name, value) -> {
            if (WORKLOAD_PARAMS.contains(name)) {
                workload.put(name, value);
            }
        });
        return workload;
    }

    private static String workloadOf(final RowKey key) {
        return DiffPrinter.paramsText(workloadParams(key));
    }

    private static Entry entry(final RowKey key, final ForkSummary best, final ForkSummary forks,
                               final VerdictRules rules, final Direction direction, final String hashScheme) {
        final ForkComparison comparison = ForkComparison.of(best, forks, rules, direction);
        final double ratio = best.centre() == 0 ? Double.NaN : forks.centre() / best.centre();
        if (direction == Direction.HIGHER_IS_BETTER) {
            return new Entry(key, forks, comparison, 1 / ratio, 1 / comparison.ratioHigh(),
                1 / comparison.ratioLow(), hashScheme);
        }
        return new Entry(key, forks, comparison, ratio, comparison.ratioLow(), comparison.ratioHigh(), hashScheme);
    }

    /** Smaller is better: the centre, negated where higher is better. */
    private static double badness(final double centre, final Direction direction) {
        return direction == Direction.HIGHER_IS_BETTER ? -centre : centre;
    }

    private static boolean isBytes(final String unit) {
        final String normalized = unit.strip().toLowerCase(Locale.ROOT);
        return normalized.startsWith("b/") || normalized.startsWith("bytes/");
    }
}

package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsFormatException;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.Direction;
import io.merklebench.stats.FamilyChange;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.ForkSummary;
import io.merklebench.stats.VerdictRules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The comparison of two or more runs that {@code mbench diff} prints and the report shows: host facts that differ,
 * warnings when the runs or their labels span different machines, and for every benchmark row present in all runs
 * its centre with the 95% interval and the between-fork noise per run and, for each run after the first, the change
 * against the first with Welch's p-value on per-fork values and a verdict ({@link ForkComparison}). Rows missing from
 * some runs are kept in their own list, never dropped. Immutable once computed.
 *
 * <p>Values come from samples.csv, grouped by fork: the fork is the unit of replication ({@link ForkSummary}). A row
 * without samples falls back to its results.csv score as a single fork, so it still shows a centre but gets no
 * verdict.
 */
public final class RunDiff {
    /** Host facts compared between runs, in print order: what a reader needs to explain a difference. */
    static final List<String> COMPARED_FACTS = List.of(
        HostProperties.CPU_MODEL, HostProperties.CPU_CORES, HostProperties.MEMORY_BYTES, HostProperties.DISK_MODEL,
        HostProperties.DISK_ROTATIONAL, HostProperties.FS_TYPE, HostProperties.FS_MOUNT_OPTIONS,
        HostProperties.KERNEL, HostProperties.OS, HostProperties.JVM_VENDOR, HostProperties.JVM_VERSION,
        HostProperties.JVM_FLAGS, HostProperties.JVM_ARGS, HostProperties.PROFILER, HostProperties.TOOLKIT_VERSION,
        HostProperties.GIT_COMMIT, HostProperties.PROFILE);

    /** Shown where a run lacks a fact. */
    static final String ABSENT = "(absent)";

    /**
     * A host fact whose value is not the same in every run.
     *
     * @param key host.properties key
     * @param values one value per run, {@link #ABSENT} where missing
     */
    public record FactDifference(String key, List<String> values) {
    }

    /**
     * A row present in every run.
     *
     * @param key benchmark and parameters
     * @param unit the unit, equal in every run
     * @param direction which way is better for the unit
     * @param sides one per run: centre, interval and noise of its forks
     * @param comparisons one per run after the first, against the first
     */
    public record Row(RowKey key, String unit, Direction direction, List<ForkSummary> sides,
                      List<ForkComparison> comparisons) {
    }

    /**
     * A row missing from at least one run.
     *
     * @param presentIn indexes of the runs that have it
     */
    public record PartialRow(RowKey key, String unit, List<Integer> presentIn) {
    }

    /**
     * Geometric mean of the ratios (run / first run) of the centres over a family's rows with one unit, with its
     * verdict and the count of each row verdict.
     *
     * @param changes one per run after the first
     * @param rowCount rows in the mean
     */
    public record FamilySummary(String family, String unit, Direction direction, List<FamilyChange> changes,
                                int rowCount) {
    }

    private final List<RunFolder> runs;
    private final VerdictRules rules;
    private final List<String> runWarnings;
    private final List<FactDifference> factDifferences;
    private final List<Row> rows;
    private final List<PartialRow> partialRows;
    private final List<FamilySummary> familySummaries;

    private RunDiff(final List<RunFolder> runs, final VerdictRules rules, final List<String> runWarnings,
                    final List<FactDifference> factDifferences, final List<Row> rows, final List<PartialRow> partialRows,
                    final List<FamilySummary> familySummaries) {
        this.runs = runs;
        this.rules = rules;
        this.runWarnings = runWarnings;
        this.factDifferences = factDifferences;
        this.rows = rows;
        this.partialRows = partialRows;
        this.familySummaries = familySummaries;
    }

    /**
     * Compares {@code runs} (the first is the base).
     *
     * @param rules when a change counts ({@link VerdictRules#DEFAULTS} for the defaults)
     * @param filter only rows whose {@link RowKey#label()} contains a match are compared; null for all
     * @throws ResultsFormatException if a row has different units in two runs (names both files and lines)
     */
    public static RunDiff compare(final List<RunFolder> runs, final VerdictRules rules, final Pattern filter) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a diff needs at least two runs: runCount=" + runs.size());
        }
        final TreeSet<RowKey> allKeys = new TreeSet<>();
        for (final RunFolder run : runs) {
            for (final ResultRow row : run.results()) {
                if (filter == null || filter.matcher(row.key().label()).find()) {
                    allKeys.add(row.key());
                }
            }
        }
        final List<Row> rows = new ArrayList<>();
        final List<PartialRow> partialRows = new ArrayList<>();
        for (final RowKey key : allKeys) {
            final String unit = commonUnit(runs, key);
            final List<Integer> presentIn = new ArrayList<>();
            for (int runIndex = 0; runIndex < runs.size(); runIndex++) {
                if (runs.get(runIndex).result(key).isPresent()) {
                    presentIn.add(runIndex);
                }
            }
            if (presentIn.size() < runs.size()) {
                partialRows.add(new PartialRow(key, unit, List.copyOf(presentIn)));
            } else {
                rows.add(compareRow(runs, key, unit, rules));
            }
        }
        return new RunDiff(List.copyOf(runs), rules,
            StoppedRuns.withMachineWarnings(runs), factDifferences(runs),
            List.copyOf(rows), List.copyOf(partialRows), summarize(runs.size(), rows, rules));
    }

    public List<RunFolder> runs() {
        return runs;
    }

    public VerdictRules rules() {
        return rules;
    }

    /**
     * Warnings about the runs themselves: on different machines, a label whose runs span machines, a run stopped
     * before it finished.
     */
    public List<String> runWarnings() {
        return runWarnings;
    }

    public List<FactDifference> factDifferences() {
        return factDifferences;
    }

    public List<Row> rows() {
        return rows;
    }

    public List<PartialRow> partialRows() {
        return partialRows;
    }

    public List<FamilySummary> familySummaries() {
        return familySummaries;
    }

    /** Significant regressions whose change is larger than {@code thresholdPercent}, for {@code --fail-above}. */
    public List<String> regressionsAbove(final double thresholdPercent) {
        final List<String> regressions = new ArrayList<>();
        for (final Row row : rows) {
            for (int side = 0; side < row.comparisons().size(); side++) {
                final ForkComparison comparison = row.comparisons().get(side);
                if (comparison.verdict() == ForkComparison.Verdict.WORSE
                    && Math.abs(comparison.changePercent()) > thresholdPercent) {
                    regressions.add(row.key().label() + ": " + sideLabel(side + 1) + " " + comparison.summary()
                        + " (" + Numbers.pEquals(comparison.pValue()) + ")");
                }
            }
        }
        return regressions;
    }

    /** A, B, C, … for run 0, 1, 2, …; AA, AB, … beyond Z. */
    public static String sideLabel(final int runIndex) {
        final String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        return runIndex < letters.length()
            ? String.valueOf(letters.charAt(runIndex))
            : sideLabel(runIndex / letters.length() - 1) + letters.charAt(runIndex % letters.length());
    }

    private static Row compareRow(final List<RunFolder> runs, final RowKey key, final String unit,
                                  final VerdictRules rules) {
        final Direction direction = Direction.ofUnit(unit);
        final List<ForkSummary> sides = new ArrayList<>();
        for (final RunFolder run : runs) {
            sides.add(forksOf(run, key));
        }
        final List<ForkComparison> comparisons = new ArrayList<>();
        for (int side = 1; side < runs.size(); side++) {
            comparisons.add(ForkComparison.of(sides.get(0), sides.get(side), rules, direction));
        }
        return new Row(key, unit, direction, List.copyOf(sides), List.copyOf(comparisons));
    }

    /** The row's iterations by fork, or its results.csv score as one fork when samples.csv has none. */
    static ForkSummary forksOf(final RunFolder run, final RowKey key) {
        final List<double[]> forks = run.forkSamples(key);
        if (forks.isEmpty()) {
            return ForkSummary.ofForkValues(new double[] {run.result(key).orElseThrow().score()}, 1);
        }
        return ForkSummary.of(forks);
    }

    /** The unit of {@code key}, which must be the same in every run that has the row. */
    private static String commonUnit(final List<RunFolder> runs, final RowKey key) {
        String unit = null;
        RunFolder unitRun = null;
        int unitIndex = -1;
        for (final RunFolder run : runs) {
            final List<ResultRow> results = run.results();
            for (int index = 0; index < results.size(); index++) {
                if (!results.get(index).key().equals(key)) {
                    continue;
                }
                final String rowUnit = results.get(index).unit();
                if (unit == null) {
                    unit = rowUnit;
                    unitRun = run;
                    unitIndex = index;
                } else if (!unit.equals(rowUnit)) {
                    throw new ResultsFormatException(ResultsCsv.FILE_NAME, run.resultsFile(),
                        run.resultLineNumber(index), "unit differs between runs for " + key + ": unit=" + rowUnit
                            + " here but unit=" + unit + " in " + unitRun.resultsFile() + " line "
                            + unitRun.resultLineNumber(unitIndex) + "; rerun one side so both use the same unit");
                }
            }
        }
        return unit;
    }

    private static List<FactDifference> factDifferences(final List<RunFolder> runs) {
        final List<String> keys = new ArrayList<>(COMPARED_FACTS);
        final TreeSet<String> others = new TreeSet<>();
        for (final RunFolder run : runs) {
            for (final String key : run.hostProperties().asMap().keySet()) {
                if (!HostProperties.KNOWN_KEYS.contains(key)) {
                    others.add(key);
                }
            }
        }
        keys.addAll(others);
        final List<FactDifference> differences = new ArrayList<>();
        for (final String key : keys) {
            final List<String> values = new ArrayList<>();
            for (final RunFolder run : runs) {
                values.add(run.hostProperties().getOrDefault(key, ABSENT));
            }
            if (values.stream().distinct().count() > 1) {
                differences.add(new FactDifference(key, List.copyOf(values)));
            }
        }
        return List.copyOf(differences);
    }

    private static List<FamilySummary> summarize(final int runCount, final List<Row> rows,
                                                 final VerdictRules rules) {
        final Map<String, List<Row>> byFamilyAndUnit = new TreeMap<>();
        for (final Row row : rows) {
            byFamilyAndUnit.computeIfAbsent(row.key().family() + "\u0000" + row.unit(), key -> new ArrayList<>())
                .add(row);
        }
        final List<FamilySummary> summaries = new ArrayList<>();
        for (final List<Row> group : byFamilyAndUnit.values()) {
            final List<FamilyChange> changes = new ArrayList<>();
            for (int side = 1; side < runCount; side++) {
                final List<ForkComparison> comparisons = new ArrayList<>();
                for (final Row row : group) {
                    comparisons.add(row.comparisons().get(side - 1));
                }
                changes.add(FamilyChange.of(comparisons, rules));
            }
            final Row first = group.get(0);
            summaries.add(new FamilySummary(first.key().family(), first.unit(), first.direction(),
                Collections.unmodifiableList(changes), group.size()));
        }
        return List.copyOf(summaries);
    }
}

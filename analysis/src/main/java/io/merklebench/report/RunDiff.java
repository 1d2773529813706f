package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsFormatException;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.Direction;
import io.merklebench.stats.GeometricMean;
import io.merklebench.stats.MedianInterval;
import io.merklebench.stats.SampleComparison;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The comparison of two or more runs that {@code mbench diff} prints and the report shows: host facts that differ,
 * and for every benchmark row present in all runs the median with its 95% interval per run and, for each run after
 * the first, the change against the first with its Mann–Whitney p-value (benchstat's method). Rows missing from some
 * runs are kept in their own list, never dropped. Immutable once computed.
 *
 * <p>Values come from samples.csv (one per measured iteration). A row without samples falls back to its results.csv
 * score as a single value, so it still shows a median but is marked as having too few samples.
 */
public final class RunDiff {
    /** Host facts compared between runs, in print order: what a reader needs to explain a difference. */
    static final List<String> COMPARED_FACTS = List.of(
        HostProperties.CPU_MODEL, HostProperties.CPU_CORES, HostProperties.MEMORY_BYTES, HostProperties.DISK_MODEL,
        HostProperties.DISK_ROTATIONAL, HostProperties.FS_TYPE, HostProperties.FS_MOUNT_OPTIONS,
        HostProperties.KERNEL, HostProperties.OS, HostProperties.JVM_VENDOR, HostProperties.JVM_VERSION,
        HostProperties.JVM_FLAGS, HostProperties.JVM_ARGS, HostProperties.TOOLKIT_VERSION, HostProperties.GIT_COMMIT,
        HostProperties.PROFILE);

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
     * @param medians one per run
     * @param comparisons one per run after the first, against the first
     */
    public record Row(RowKey key, String unit, Direction direction, List<MedianInterval> medians,
                      List<SampleComparison> comparisons) {
    }

    /**
     * A row missing from at least one run.
     *
     * @param presentIn indexes of the runs that have it
     */
    public record PartialRow(RowKey key, String unit, List<Integer> presentIn) {
    }

    /**
     * Geometric mean of the median ratios (run / first run) over a family's rows with one unit.
     *
     * @param changePercents one per run after the first: (geomean ratio − 1) × 100
     * @param rowCount rows in the mean
     */
    public record FamilySummary(String family, String unit, Direction direction, List<Double> changePercents,
                                int rowCount) {
    }

    private final List<RunFolder> runs;
    private final double alpha;
    private final List<FactDifference> factDifferences;
    private final List<Row> rows;
    private final List<PartialRow> partialRows;
    private final List<FamilySummary> familySummaries;

    private RunDiff(final List<RunFolder> runs, final double alpha, final List<FactDifference> factDifferences,
                    final List<Row> rows, final List<PartialRow> partialRows,
                    final List<FamilySummary> familySummaries) {
        this.runs = runs;
        this.alpha = alpha;
        this.factDifferences = factDifferences;
        this.rows = rows;
        this.partialRows = partialRows;
        this.familySummaries = familySummaries;
    }

    /**
     * Compares {@code runs} (the first is the base).
     *
     * @param alpha significance level, e.g. 0.05
     * @param filter only rows whose {@link RowKey#label()} contains a match are compared; null for all
     * @throws ResultsFormatException if a row has different units in two runs (names both files and lines)
     */
    public static RunDiff compare(final List<RunFolder> runs, final double alpha, final Pattern filter) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a diff needs at least two runs: runCount=" + runs.size());
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha must be between 0 and 1 (exclusive): --alpha=" + alpha);
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
                rows.add(compareRow(runs, key, unit, alpha));
            }
        }
        return new RunDiff(List.copyOf(runs), alpha, factDifferences(runs), List.copyOf(rows),
            List.copyOf(partialRows), summarize(runs.size(), rows));
    }

    public List<RunFolder> runs() {
        return runs;
    }

    public double alpha() {
        return alpha;
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
                final SampleComparison comparison = row.comparisons().get(side);
                if (comparison.verdict() == SampleComparison.Verdict.WORSE
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
                                  final double alpha) {
        final Direction direction = Direction.ofUnit(unit);
        final List<double[]> values = new ArrayList<>();
        final List<MedianInterval> medians = new ArrayList<>();
        for (final RunFolder run : runs) {
            final double[] sideValues = valuesOf(run, key);
            values.add(sideValues);
            medians.add(MedianInterval.of(sideValues, MedianInterval.DEFAULT_CONFIDENCE));
        }
        final List<SampleComparison> comparisons = new ArrayList<>();
        for (int side = 1; side < runs.size(); side++) {
            comparisons.add(SampleComparison.of(values.get(0), values.get(side), alpha, direction));
        }
        return new Row(key, unit, direction, List.copyOf(medians), List.copyOf(comparisons));
    }

    private static double[] valuesOf(final RunFolder run, final RowKey key) {
        final List<Double> samples = run.sampleValues(key);
        if (samples.isEmpty()) {
            return new double[] {run.result(key).orElseThrow().score()};
        }
        return samples.stream().mapToDouble(Double::doubleValue).toArray();
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

    private static List<FamilySummary> summarize(final int runCount, final List<Row> rows) {
        final Map<String, List<Row>> byFamilyAndUnit = new TreeMap<>();
        for (final Row row : rows) {
            byFamilyAndUnit.computeIfAbsent(row.key().family() + "\u0000" + row.unit(), key -> new ArrayList<>())
                .add(row);
        }
        final List<FamilySummary> summaries = new ArrayList<>();
        for (final List<Row> group : byFamilyAndUnit.values()) {
            final List<Double> changes = new ArrayList<>();
            int used = 0;
            for (int side = 1; side < runCount; side++) {
                final GeometricMean mean = new GeometricMean();
                for (final Row row : group) {
                    mean.add(row.medians().get(side).median() / row.medians().get(0).median());
                }
                used = Math.max(used, mean.count());
                changes.add((mean.value() - 1) * 100);
            }
            final Row first = group.get(0);
            summaries.add(new FamilySummary(first.key().family(), first.unit(), first.direction(),
                Collections.unmodifiableList(changes), used));
        }
        return List.copyOf(summaries);
    }

    /** Host facts of {@code run} worth a line in a heading. */
    static Map<String, String> keyFacts(final RunFolder run) {
        final Map<String, String> facts = new LinkedHashMap<>();
        for (final String key : List.of(HostProperties.CPU_MODEL, HostProperties.CPU_CORES,
                HostProperties.DISK_MODEL, HostProperties.FS_TYPE, HostProperties.JVM_VERSION,
                HostProperties.GIT_COMMIT, HostProperties.PROFILE)) {
            Optional.ofNullable(run.hostProperties().get(key)).ifPresent(value -> facts.put(key, value));
        }
        return facts;
    }
}

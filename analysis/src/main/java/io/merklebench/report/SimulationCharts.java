package io.merklebench.report;

import io.merklebench.results.SimulationRow;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The charts of the report's Simulation section: the per-version time series of {@code mbench simulate}
 * ({@code simulation.csv}) against version, one line per engine x store ({@code heap:rocksdb}): commit latency,
 * leaves per second, process RSS, disk usage and the readers' get latency (p50 and p99). A chart with nothing to
 * draw, such as reader latency of a simulation without readers, is left out. Stateless.
 *
 * <p>Two reductions keep the lines readable and the SVG small; each caption says which of them applied:
 * <ul>
 *   <li>forks: a pair simulated in several forks is one line, per version the mean over the forks that measured that
 *       version (fork 1 alone would pass one JVM's noise off as the pair's);</li>
 *   <li>long series: more than {@link #MAX_POINTS} measured versions are cut into at most that many buckets of
 *       consecutive versions, each drawn at its first version as the bucket's maximum (commit latency: one slow
 *       commit is what the chart must not average away) or mean (every other figure).</li>
 * </ul>
 * Versions where a figure was not measured (NaN: disk usage between its samples, readers when there are none) are
 * left out of that figure's line before bucketing.
 */
final class SimulationCharts {
    /** {@link ReportChart#family()} of every chart here, and the start of their names ({@code simulation-commit}). */
    static final String FAMILY = "simulation";
    /** Most points a series gets in the SVG: every version of a long simulation would make megabytes of paths. */
    static final int MAX_POINTS = 500;
    /** Ratio of largest to smallest plotted value above which a latency or rate chart's y axis is logarithmic. */
    static final double WIDE_RANGE = 100;
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    /** How the versions of one bucket become one point. */
    private enum BucketRule {
        MAX("largest value"), MEAN("mean");

        private final String description;

        BucketRule(final String description) {
            this.description = description;
        }

        double reduce(final double[] values, final int from, final int to) {
            return this == MAX ? Arrays.stream(values, from, to).max().orElseThrow()
                : Arrays.stream(values, from, to).average().orElseThrow();
        }
    }

    /** One figure of a row, drawn as a line per pair; {@code suffix} follows the pair in the series name. */
    private record Measure(String suffix, ToDoubleFunction<SimulationRow> value) {
    }

    /**
     * One chart: what it plots, how buckets are reduced, and whether a wide range switches it to a log y axis
     * (latencies and rates, whose spikes and pairs differ by orders of magnitude; not memory and disk, whose growth
     * from near zero is the point and which a log axis would flatten).
     */
    private record Spec(String name, String title, String yAxisTitle, String caption, String lines,
                        BucketRule bucketRule, boolean logWhenWide, List<Measure> measures) {
    }

    private static final List<Spec> SPECS = List.of(
        new Spec("commit", "simulation: commit latency against version", "commit latency (ms)",
            "Commit latency per version (hash + save + prune of the version), in milliseconds", "engine:store",
            BucketRule.MAX, true, List.of(new Measure("", SimulationRow::commitMillis))),
        new Spec("leaves", "simulation: leaves per second against version", "leaves/s",
            "Leaves written per second per version (sets and deletes over apply + commit time), in leaves per"
                + " second; higher is faster", "engine:store",
            BucketRule.MEAN, true, List.of(new Measure("", SimulationRow::leavesPerSecond))),
        new Spec("rss", "simulation: process RSS against version", "RSS (MiB)",
            "Resident set of the simulating process after each version, in MiB", "engine:store",
            BucketRule.MEAN, false, List.of(new Measure("", row -> row.rssBytes() / BYTES_PER_MIB))),
        new Spec("disk", "simulation: disk usage against version", "disk (MiB)",
            "Bytes the stores' files occupy on disk (allocated blocks), in MiB, at the versions where it was"
                + " measured", "engine:store",
            BucketRule.MEAN, false, List.of(new Measure("", row -> row.diskBytes() / BYTES_PER_MIB))),
        new Spec("readers", "simulation: reader get latency against version", "get latency (\u00b5s)",
            "Readers' get latency during each version, median (p50) and 99th percentile (p99), in microseconds,"
                + " waits for the commit included", "engine:store and percentile",
            BucketRule.MEAN, true, List.of(new Measure("p50", SimulationRow::readerP50Micros),
                new Measure("p99", SimulationRow::readerP99Micros))));

    /** One line's points, versions ascending. */
    private record Points(double[] versions, double[] values) {
        int size() {
            return versions.length;
        }

        /** Only the points a log axis can draw. */
        Points positive() {
            final int[] kept = IntStream.range(0, values.length).filter(index -> values[index] > 0).toArray();
            return new Points(Arrays.stream(kept).mapToDouble(index -> versions[index]).toArray(),
                Arrays.stream(kept).mapToDouble(index -> values[index]).toArray());
        }
    }

    private SimulationCharts() {
    }

    /**
     * The Simulation charts of a report's runs, in a fixed order: commit latency, leaves per second, RSS, disk,
     * reader latency; those with no data are left out.
     *
     * @param rowsByRun per run of the report, in report order, the rows of its simulation.csv (empty for a run
     *     without one); with two or more runs, series names start with the run letter ({@code B heap:mem})
     * @return the charts, empty when no run has simulation rows
     */
    static List<ReportChart> build(final List<List<SimulationRow>> rowsByRun) {
        final boolean severalRuns = rowsByRun.size() > 1;
        final Map<String, List<SimulationRow>> rowsByPair = new TreeMap<>();
        for (int runIndex = 0; runIndex < rowsByRun.size(); runIndex++) {
            final String runPrefix = severalRuns ? RunDiff.sideLabel(runIndex) + " " : "";
            for (final SimulationRow row : rowsByRun.get(runIndex)) {
                rowsByPair.computeIfAbsent(runPrefix + pairLabel(row), label -> new ArrayList<>()).add(row);
            }
        }
        final boolean severalForks = rowsByPair.values().stream()
            .anyMatch(rows -> rows.stream().mapToInt(SimulationRow::fork).distinct().count() > 1);
        final List<ReportChart> charts = new ArrayList<>();
        for (final Spec spec : SPECS) {
            chart(spec, rowsByPair, severalRuns, severalForks).ifPresent(charts::add);
        }
        return charts;
    }

    /** {@code engine:store}, the series name of a pair. */
    static String pairLabel(final SimulationRow row) {
        return row.engine() + ":" + row.store();
    }

    private static Optional<ReportChart> chart(final Spec spec, final Map<String, List<SimulationRow>> rowsByPair,
                                               final boolean severalRuns, final boolean severalForks) {
        final Map<String, Points> series = new LinkedHashMap<>();
        int largestBucket = 1;
        for (final Map.Entry<String, List<SimulationRow>> pair : rowsByPair.entrySet()) {
            for (final Measure measure : spec.measures()) {
                final Points measured = forkMeanPerVersion(pair.getValue(), measure.value());
                if (measured.size() == 0) {
                    continue;
                }
                final int bucket = bucketSize(measured.size());
                largestBucket = Math.max(largestBucket, bucket);
                series.put(measure.suffix().isEmpty() ? pair.getKey() : pair.getKey() + " " + measure.suffix(),
                    downsample(measured, bucket, spec.bucketRule()));
            }
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        final boolean logY = spec.logWhenWide() && ChartStyle.positiveRange(series.values().stream()
            .flatMapToDouble(points -> Arrays.stream(points.values()))) > WIDE_RANGE;
        final XYChart chart = ChartStyle.lineChart(spec.title(), "version",
            logY ? spec.yAxisTitle() + " (log)" : spec.yAxisTitle());
        chart.getStyler().setYAxisLogarithmic(logY);
        series.forEach((name, points) -> {
            final Points drawn = logY ? points.positive() : points;
            if (drawn.size() > 0) {
                ChartStyle.addLine(chart, name, drawn.versions(), drawn.values());
            }
        });
        ChartStyle.roundXTicks(chart);
        return Optional.of(new ReportChart(FAMILY, FAMILY + "-" + spec.name(),
            caption(spec, severalRuns, severalForks, largestBucket, logY), chart));
    }

    private static String caption(final Spec spec, final boolean severalRuns, final boolean severalForks,
                                  final int largestBucket, final boolean logY) {
        final StringBuilder caption = new StringBuilder(spec.caption()).append("; one line per ").append(spec.lines());
        if (severalRuns) {
            caption.append(", the run letter first");
        }
        if (severalForks) {
            caption.append("; a pair simulated in several forks is drawn as the per-version mean over its forks");
        }
        caption.append('.');
        if (largestBucket > 1) {
            caption.append(" Series longer than ").append(MAX_POINTS).append(" versions are drawn as at most ")
                .append(MAX_POINTS).append(" points, each the ").append(spec.bucketRule().description)
                .append(" of a bucket of up to ").append(largestBucket)
                .append(" consecutive versions, at the bucket's first version.");
        }
        if (logY) {
            caption.append(" The y axis is logarithmic: the values span more than a factor of ")
                .append((int) WIDE_RANGE).append('.');
        }
        return caption.toString();
    }

    /** Per version, the mean of {@code value} over the rows (forks) that measured it; unmeasured versions left out. */
    private static Points forkMeanPerVersion(final List<SimulationRow> rows,
                                             final ToDoubleFunction<SimulationRow> value) {
        final TreeMap<Long, double[]> sumAndCount = new TreeMap<>();
        for (final SimulationRow row : rows) {
            final double measured = value.applyAsDouble(row);
            if (Double.isFinite(measured)) {
                final double[] accumulator = sumAndCount.computeIfAbsent(row.version(), version -> new double[2]);
                accumulator[0] += measured;
                accumulator[1]++;
            }
        }
        return new Points(sumAndCount.keySet().stream().mapToDouble(Long::doubleValue).toArray(),
            sumAndCount.values().stream().mapToDouble(accumulator -> accumulator[0] / accumulator[1]).toArray());
    }

    /** Versions per point: 1 up to {@link #MAX_POINTS} points, else the fewest that give at most that many. */
    private static int bucketSize(final int points) {
        return Math.max(1, (points + MAX_POINTS - 1) / MAX_POINTS);
    }

    private static Points downsample(final Points points, final int bucket, final BucketRule rule) {
        if (bucket == 1) {
            return points;
        }
        final int buckets = (points.size() + bucket - 1) / bucket;
        final double[] versions = new double[buckets];
        final double[] values = new double[buckets];
        for (int index = 0; index < buckets; index++) {
            final int from = index * bucket;
            final int to = Math.min(points.size(), from + bucket);
            versions[index] = points.versions()[from];
            values[index] = rule.reduce(points.values(), from, to);
        }
        return new Points(versions, values);
    }
}

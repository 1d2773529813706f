package io.merklebench.simulate;

import io.merklebench.core.registry.Registry;
import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SimulationRow;
import io.merklebench.stats.ForkSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The summary rows of a simulation in the matrix's results format, one set per engine x store, so {@code mbench
 * diff} compares two simulations (hosts, commits) with the same statistics as the matrix: each fork (a fresh JVM)
 * gives one value per row ({@code samples.csv}, iteration 1), the row's score is their mean and
 * {@code forkCvPercent} their spread.
 *
 * <table>
 * <caption>summary rows</caption>
 * <tr><th>benchmark</th><th>unit</th><th>per fork</th></tr>
 * <tr><td>simulate.commit</td><td>ms/op</td><td>median commit latency (hash + save + prune) over the versions; the
 *     row's p50, p99 and p999 are the forks' mean percentiles</td></tr>
 * <tr><td>simulate.commitP99</td><td>ms/op</td><td>99th percentile of commit latency</td></tr>
 * <tr><td>simulate.leaves</td><td>ops/s</td><td>sets and deletes per second of apply + commit over the last 10% of
 *     the versions (at least one)</td></tr>
 * <tr><td>simulate.readerGet, simulate.readerGetP99</td><td>us/op</td><td>median and 99th percentile of reader get
 *     latency over the run (only with readers)</td></tr>
 * <tr><td>simulate.peakRss</td><td>B/run</td><td>largest resident set after a version</td></tr>
 * <tr><td>simulate.diskPerKey</td><td>B/key</td><td>disk usage at the end over the keys (only on persistent
 *     stores)</td></tr>
 * <tr><td>simulate.generatorShare</td><td>percent</td><td>the simulator's time choosing operations as a share of the
 *     engine's apply time</td></tr>
 * </table>
 * Parameters: {@code engine}, {@code store}, and {@code size}, the keys at the end.
 */
public final class SimulationSummary {
    /** The share of the versions, at the end, that {@code simulate.leaves} averages over. */
    static final double TAIL_SHARE = 0.10;

    private SimulationSummary() {
    }

    /** One fork's figures beyond its rows (from its outcome file). */
    public record ForkOutcome(int fork, long keys, double readerP50Micros, double readerP99Micros, double peakRssBytes,
                              double finalDiskBytes, double generateMillis, double applyMillis) {
    }

    /** Summary and sample rows of one engine x store: its rows (every fork) and its forks' outcomes. */
    public static Rows of(final String engine, final String store, final boolean persistent,
                          final List<SimulationRow> rows, final List<ForkOutcome> forks) {
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        if (forks.isEmpty()) {
            return new Rows(results, samples);
        }
        final long keys = forks.get(forks.size() - 1).keys();
        final int[] forkNumbers = forks.stream().mapToInt(ForkOutcome::fork).toArray();
        final Map<String, String> params = Map.of("engine", engine, "store", store, "size", Long.toString(keys));
        final double[] commitP50 = perFork(forks, rows, commits -> percentile(commits, 50));
        final double[] commitP99 = perFork(forks, rows, commits -> percentile(commits, 99));
        final double[] commitP999 = perFork(forks, rows, commits -> percentile(commits, 99.9));
        results.add(row("simulate.commit", params, "sample", "ms/op", forkNumbers, commitP50, samples)
            .percentiles(mean(commitP50), mean(commitP99), mean(commitP999)).build());
        results.add(row("simulate.commitP99", params, "sample", "ms/op", forkNumbers, commitP99, samples).build());
        final double[] leaves = forks.stream().mapToDouble(fork -> tailLeavesPerSecond(rowsOf(rows, fork.fork())))
            .toArray();
        results.add(row("simulate.leaves", params, "thrpt", "ops/s", forkNumbers, leaves, samples).build());
        if (forks.stream().anyMatch(fork -> !Double.isNaN(fork.readerP50Micros()))) {
            results.add(row("simulate.readerGet", params, "sample", "us/op", forkNumbers,
                values(forks, ForkOutcome::readerP50Micros), samples).build());
            results.add(row("simulate.readerGetP99", params, "sample", "us/op", forkNumbers,
                values(forks, ForkOutcome::readerP99Micros), samples).build());
        }
        results.add(row("simulate.peakRss", params, "ss", "B/run", forkNumbers,
            values(forks, ForkOutcome::peakRssBytes), samples).build());
        if (persistent) {
            results.add(row("simulate.diskPerKey", params, "ss", "B/key", forkNumbers,
                values(forks, fork -> fork.keys() == 0 ? Double.NaN : fork.finalDiskBytes() / fork.keys()), samples)
                .build());
        }
        results.add(row("simulate.generatorShare", params, "ss", "percent", forkNumbers,
            values(forks, fork -> fork.applyMillis() > 0 ? 100 * fork.generateMillis() / fork.applyMillis() : Double.NaN),
            samples).build());
        return new Rows(results, samples);
    }

    /** The results rows and their per-fork samples. */
    public record Rows(List<ResultRow> results, List<SampleRow> samples) {
    }

    /** Sets and deletes per second of apply + commit over the last {@link #TAIL_SHARE} of a fork's versions. */
    static double tailLeavesPerSecond(final List<SimulationRow> forkRows) {
        if (forkRows.isEmpty()) {
            return Double.NaN;
        }
        final int tail = Math.max(1, (int) Math.round(forkRows.size() * TAIL_SHARE));
        double leaves = 0;
        double seconds = 0;
        for (final SimulationRow row : forkRows.subList(forkRows.size() - tail, forkRows.size())) {
            leaves += row.sets() + row.deletes();
            seconds += (row.applyMillis() + row.commitMillis()) / 1000.0;
        }
        return seconds > 0 ? leaves / seconds : Double.NaN;
    }

    /** The {@code percentile} of {@code values} by the nearest-rank method (as HdrHistogram reports). */
    static double percentile(final double[] values, final double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** A row over the forks' values ({@code perFork[i]} is fork {@code forkNumbers[i]}'s; NaN: not measured). */
    private static ResultRow.Builder row(final String benchmark, final Map<String, String> params, final String mode,
                                         final String unit, final int[] forkNumbers, final double[] perFork,
                                         final List<SampleRow> samples) {
        int measured = 0;
        for (int i = 0; i < perFork.length; i++) {
            if (!Double.isNaN(perFork[i])) {
                samples.add(new SampleRow(benchmark, params, mode, unit, forkNumbers[i], 1, perFork[i]));
                measured++;
            }
        }
        return ResultRow.builder(benchmark).params(params).mode(mode).unit(unit).score(mean(perFork))
            .hashScheme(Registry.hashSchemeOf(params.get(ResultColumns.ENGINE)))
            .samples(measured).forks(measured).forkCvPercent(ForkSummary.cvPercent(Arrays.stream(perFork).filter(value -> !Double.isNaN(value))
                .toArray()));
    }

    private static double[] perFork(final List<ForkOutcome> forks, final List<SimulationRow> rows,
                                    final ToDoubleFunction<double[]> statistic) {
        return forks.stream().mapToDouble(fork -> statistic.applyAsDouble(
            rowsOf(rows, fork.fork()).stream().mapToDouble(SimulationRow::commitMillis).toArray())).toArray();
    }

    private static double[] values(final List<ForkOutcome> forks, final ToDoubleFunction<ForkOutcome> value) {
        return forks.stream().mapToDouble(value).toArray();
    }

    private static List<SimulationRow> rowsOf(final List<SimulationRow> rows, final int fork) {
        return rows.stream().filter(row -> row.fork() == fork).toList();
    }

    private static double mean(final double[] values) {
        return Arrays.stream(values).filter(value -> !Double.isNaN(value)).average().orElse(Double.NaN);
    }
}

package io.merklebench.run;

import io.merklebench.bench.AuxCounterNames;
import io.merklebench.core.registry.Registry;
import io.merklebench.results.HeapGroup;
import io.merklebench.results.MemoryBreakdownCsv;
import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.SampleRow;
import io.merklebench.stats.ForkSummary;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JMH {@link RunResult} of a case, its forks merged ({@link ForkResults#merge}), into {@code results.csv}
 * and {@code samples.csv} rows:
 * <ul>
 *   <li>benchmark = the case's family and method ({@code query.hit}); params = the JMH params that are CSV columns
 *       (others, like {@code seed}, are left out) plus {@code threads} from JMH;</li>
 *   <li>score, error (JMH's 99.9% half-width), unit, mode and sample count from the primary result, which JMH
 *       aggregates over every fork's iterations; p50/p99/p999 from JMH's percentiles in SampleTime mode (NaN
 *       otherwise);</li>
 *   <li>forks = the forks merged; forkCvPercent = the coefficient of variation of the per-fork means (each fork's
 *       own primary score), in percent rounded to 0.01, NaN with fewer than 2 forks;</li>
 *   <li>allocBytesPerOp = the gc profiler's {@value #GC_ALLOC_NORM}; syncsPerOp and storeBytesPerOp = the
 *       store-counter aux totals divided by the measured operations (NaN where the benchmark has no counters);
 *       osWriteBytesPerOp, deviceWriteBytesPerOp and deviceFlushesPerOp = the kernel-counter aux totals divided the
 *       same way (NaN, an empty cell, where the machine does not expose them);</li>
 *   <li>one sample row per measured iteration of each fork, forks numbered 1..N in the order given;</li>
 *   <li>{@code block.tx} also gives {@code block.block}: every per-op figure times {@code blockSize} (a block is
 *       blockSize txs);</li>
 *   <li>{@code memory.perKey} gives memory.perKey, memory.perNode and memory.storePerKey from the memory aux
 *       counters, in bytes (and memory.fastIndexPerKey with the fast index on); its primary score (the time to
 *       build the tree) is dropped;</li>
 *   <li>{@code memory.breakdown} gives no results rows but memory-breakdown.csv rows ({@link #breakdownRows}).</li>
 * </ul>
 * Stateless; thread-safe.
 */
public final class RowMapper {
    static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";
    /** The 99.9% confidence level JMH uses for its error column. */
    private static final double ERROR_CONFIDENCE = 0.999;
    private static final String BLOCK_TX = "block.tx";
    private static final String BLOCK_BLOCK = "block.block";
    private static final String MEMORY_CASE = "memory.perKey";
    static final String MEMORY_BREAKDOWN_CASE = "memory.breakdown";

    /**
     * Rows of one case's results; {@code breakdown} holds the memory-breakdown.csv rows of a
     * {@value #MEMORY_BREAKDOWN_CASE} case (empty for every other case, which has results rows instead).
     */
    public record Rows(List<ResultRow> results, List<SampleRow> samples, List<MemoryBreakdownCsv.Row> breakdown) {
        public Rows(final List<ResultRow> results, final List<SampleRow> samples) {
            this(results, samples, List.of());
        }
    }

    public Rows map(final PlannedCase plannedCase, final RunResult runResult) {
        final String benchmark = plannedCase.benchmark();
        final Map<String, String> params = csvParams(runResult.getParams());
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        if (benchmark.equals(MEMORY_BREAKDOWN_CASE)) {
            return new Rows(List.of(), List.of(), breakdownRows(runResult, params));
        }
        if (benchmark.equals(MEMORY_CASE)) {
            addMemoryRows(runResult, params, results, samples);
            return new Rows(results, samples);
        }
        final ResultRow row = primaryRow(benchmark, params, runResult);
        results.add(row);
        samples.addAll(sampleRows(row, runResult, 1.0));
        if (benchmark.equals(BLOCK_TX)) {
            final double txPerBlock = Double.parseDouble(params.get(ResultColumns.BLOCK_SIZE));
            final ResultRow perBlock = scaled(BLOCK_BLOCK, row, txPerBlock);
            results.add(perBlock);
            samples.addAll(sampleRows(perBlock, runResult, txPerBlock));
        }
        return new Rows(results, samples);
    }

    static Map<String, String> csvParams(final BenchmarkParams params) {
        final Map<String, String> columns = new LinkedHashMap<>();
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            if (column.equals(ResultColumns.THREADS)) {
                columns.put(column, Integer.toString(params.getThreads()));
            } else if (params.getParamsKeys().contains(column)) {
                columns.put(column, params.getParam(column));
            }
        }
        return columns;
    }

    private static ResultRow primaryRow(final String benchmark, final Map<String, String> params, final RunResult run) {
        final Result<?> primary = run.getPrimaryResult();
        final Mode mode = run.getParams().getMode();
        final Statistics statistics = primary.getStatistics();
        final ResultRow.Builder row = ResultRow.builder(benchmark)
            .params(params)
            .mode(mode.shortLabel())
            .unit(primary.getScoreUnit())
            .score(primary.getScore())
            .error(finiteOrNaN(primary.getScoreError()))
            .samples(primary.getSampleCount())
            .allocBytesPerOp(secondaryScore(run, GC_ALLOC_NORM))
            .forks(run.getBenchmarkResults().size())
            .forkCvPercent(forkCvPercent(forkMeans(run)))
            .hashScheme(Registry.hashSchemeOf(params.get(ResultColumns.ENGINE)));
        if (mode == Mode.SampleTime) {
            row.percentiles(statistics.getPercentile(50), statistics.getPercentile(99), statistics.getPercentile(99.9));
        }
        final double operations = secondaryScore(run, AuxCounterNames.OPERATIONS);
        if (operations > 0) {
            row.syncsPerOp(secondaryScore(run, AuxCounterNames.SYNCS) / operations);
            row.storeBytesPerOp(secondaryScore(run, AuxCounterNames.STORE_BYTES) / operations);
            row.osWriteBytesPerOp(secondaryScore(run, AuxCounterNames.OS_WRITE_BYTES) / operations);
            row.deviceWriteBytesPerOp(secondaryScore(run, AuxCounterNames.DEVICE_WRITE_BYTES) / operations);
            row.deviceFlushesPerOp(secondaryScore(run, AuxCounterNames.DEVICE_FLUSHES) / operations);
        }
        return row.build();
    }

    private static ResultRow scaled(final String benchmark, final ResultRow row, final double factor) {
        return new ResultRow(benchmark, row.params(), row.mode(), row.unit(), row.score() * factor,
            row.error() * factor, row.samples(), row.p50() * factor, row.p99() * factor, row.p999() * factor,
            row.allocBytesPerOp() * factor, row.syncsPerOp() * factor, row.storeBytesPerOp() * factor,
            row.osWriteBytesPerOp() * factor, row.deviceWriteBytesPerOp() * factor, row.deviceFlushesPerOp() * factor,
            row.forks(), row.forkCvPercent(), // a ratio of spread to mean: the same at any scale
            row.hashScheme());
    }

    private static List<SampleRow> sampleRows(final ResultRow row, final RunResult run, final double factor) {
        final List<SampleRow> samples = new ArrayList<>();
        int fork = 0;
        for (final BenchmarkResult forkResult : run.getBenchmarkResults()) {
            fork++;
            int iteration = 0;
            for (final IterationResult iterationResult : forkResult.getIterationResults()) {
                iteration++;
                samples.add(new SampleRow(row.benchmark(), row.params(), row.mode(), row.unit(), fork, iteration,
                    iterationResult.getPrimaryResult().getScore() * factor));
            }
        }
        return samples;
    }

    private void addMemoryRows(final RunResult run, final Map<String, String> params, final List<ResultRow> results,
                               final List<SampleRow> samples) {
        addRatioRows("memory.perKey", "B/key", run, params, AuxCounterNames.ENGINE_HEAP_BYTES, AuxCounterNames.KEYS,
            results, samples);
        addRatioRows("memory.perNode", "B/node", run, params, AuxCounterNames.ENGINE_HEAP_BYTES, AuxCounterNames.NODES,
            results, samples);
        addRatioRows("memory.storePerKey", "B/key", run, params, AuxCounterNames.STORE_HEAP_BYTES,
            AuxCounterNames.KEYS, results, samples);
        if (secondaryScore(run, AuxCounterNames.ENGINE_OVERHEAD_BYTES) > 0) {
            addRatioRows("memory.overheadPerNode", "B/node", run, params, AuxCounterNames.ENGINE_OVERHEAD_BYTES,
                AuxCounterNames.NODES, results, samples);
        }
        if (secondaryScore(run, AuxCounterNames.FAST_INDEX_BYTES) > 0) {
            addRatioRows("memory.fastIndexPerKey", "B/key", run, params, AuxCounterNames.FAST_INDEX_BYTES,
                AuxCounterNames.KEYS, results, samples);
        }
        if (secondaryScore(run, AuxCounterNames.DISK_BYTES) > 0) {
            addRatioRows("memory.diskPerKey", "B/key", run, params, AuxCounterNames.DISK_BYTES, AuxCounterNames.KEYS,
                results, samples);
        }
    }

    /** One row of numerator/denominator per measured iteration (each iteration builds one tree), and their mean. */
    private static void addRatioRows(final String benchmark, final String unit, final RunResult run,
                                     final Map<String, String> params, final String numerator, final String denominator,
                                     final List<ResultRow> results, final List<SampleRow> samples) {
        final ListStatistics statistics = new ListStatistics();
        final List<Double> forkMeans = new ArrayList<>();
        final String mode = run.getParams().getMode().shortLabel();
        int fork = 0;
        for (final BenchmarkResult forkResult : run.getBenchmarkResults()) {
            fork++;
            int iteration = 0;
            final ListStatistics forkStatistics = new ListStatistics();
            for (final IterationResult iterationResult : forkResult.getIterationResults()) {
                iteration++;
                final double over = value(iterationResult, denominator);
                if (over > 0) {
                    final double ratio = value(iterationResult, numerator) / over;
                    statistics.addValue(ratio);
                    forkStatistics.addValue(ratio);
                    samples.add(new SampleRow(benchmark, params, mode, unit, fork, iteration, ratio));
                }
            }
            if (forkStatistics.getN() > 0) {
                forkMeans.add(forkStatistics.getMean());
            }
        }
        if (statistics.getN() == 0) {
            return;
        }
        results.add(ResultRow.builder(benchmark).params(params).mode(mode).unit(unit)
            .score(statistics.getMean())
            .error(statistics.getN() > 1 ? finiteOrNaN(statistics.getMeanErrorAt(ERROR_CONFIDENCE)) : Double.NaN)
            .samples(statistics.getN())
            .hashScheme(Registry.hashSchemeOf(params.get(ResultColumns.ENGINE)))
            .forks(fork)
            .forkCvPercent(forkCvPercent(forkMeans))
            .build());
    }

    /**
     * One row per {@link HeapGroup}: the group's bytes summed over every measured iteration of every fork, over the
     * keys of those trees, times the case's size (the mean over its trees, at its size); share of the case's total.
     * None when no iteration measured a tree.
     */
    static List<MemoryBreakdownCsv.Row> breakdownRows(final RunResult run, final Map<String, String> params) {
        double keys = 0;
        final Map<HeapGroup, Double> bytes = new EnumMap<>(HeapGroup.class);
        for (final BenchmarkResult forkResult : run.getBenchmarkResults()) {
            for (final IterationResult iteration : forkResult.getIterationResults()) {
                final double iterationKeys = value(iteration, AuxCounterNames.BREAKDOWN_KEYS);
                if (!(iterationKeys > 0)) {
                    continue;
                }
                keys += iterationKeys;
                for (final HeapGroup group : HeapGroup.values()) {
                    final double groupBytes = value(iteration, AuxCounterNames.heapGroup(group));
                    bytes.merge(group, Double.isFinite(groupBytes) ? groupBytes : 0, Double::sum);
                }
            }
        }
        if (keys == 0) {
            return List.of();
        }
        final long size = Long.parseLong(params.get(ResultColumns.SIZE));
        final Map<HeapGroup, Double> bytesAtSize = new EnumMap<>(HeapGroup.class);
        final double treesKeys = keys;
        bytes.forEach((group, total) -> bytesAtSize.put(group, total / treesKeys * size));
        return MemoryBreakdownCsv.caseRows(params.get(ResultColumns.ENGINE), params.get(ResultColumns.STORE), size,
            bytesAtSize);
    }

    private static List<Double> forkMeans(final RunResult run) {
        final List<Double> means = new ArrayList<>();
        for (final BenchmarkResult fork : run.getBenchmarkResults()) {
            means.add(fork.getPrimaryResult().getScore());
        }
        return means;
    }

    /**
     * Standard deviation (n - 1) of the per-fork means over their mean, percent, rounded to 0.01; NaN with fewer
     * than 2 forks or a mean of 0.
     */
    static double forkCvPercent(final List<Double> forkMeans) {
        final double percent = ForkSummary.cvPercent(forkMeans.stream().mapToDouble(Double::doubleValue).toArray());
        return Double.isNaN(percent) ? Double.NaN : Math.round(percent * 100) / 100.0;
    }

    private static double value(final IterationResult iteration, final String label) {
        final Result<?> result = iteration.getSecondaryResults().get(label);
        return result == null ? Double.NaN : result.getScore();
    }

    private static double secondaryScore(final RunResult run, final String label) {
        final Result<?> result = run.getSecondaryResults().get(label);
        return result == null ? Double.NaN : finiteOrNaN(result.getScore());
    }

    private static double finiteOrNaN(final double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }
}

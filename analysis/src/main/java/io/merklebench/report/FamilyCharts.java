package io.merklebench.report;

import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RunFolder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The charts of the report, one (or, for several units, a few) per benchmark family, chosen for the question the
 * family answers:
 * <ul>
 *   <li>{@code query}: bars of hit and miss per engine/store/size;</li>
 *   <li>{@code fsync}: bars of syncs per second per write size, one series per method;</li>
 *   <li>{@code batch}: throughput against batch size or committers (log axis), and syncs per write;</li>
 *   <li>{@code memory}: bars per size, one series per engine;</li>
 *   <li>any family whose rows vary in {@code size} ({@code block}, {@code write}, {@code hash}, …): score against
 *       initial size on log axes, one line per case, engine and store;</li>
 *   <li>anything else: one bar per row.</li>
 * </ul>
 * With several runs, series names start with the run letter (A, B, …). Stateless.
 */
final class FamilyCharts {
    /** Ratio of largest to smallest score above which a size chart's y axis is logarithmic. */
    private static final double WIDE_RANGE = 20;

    private FamilyCharts() {
    }

    /** Charts for every family present in {@code runs}, ordered by family name; series start with the run letter. */
    static List<ReportChart> build(final List<RunFolder> runs) {
        final List<String> runNames = new ArrayList<>();
        for (int runIndex = 0; runIndex < runs.size(); runIndex++) {
            runNames.add(runs.size() > 1 ? RunDiff.sideLabel(runIndex) : "");
        }
        return build(runs, runNames);
    }

    /**
     * Charts for every family present in {@code runs}, ordered by family name.
     *
     * @param runNames per run, what its series names start with (a run letter, or a fleet's host label); empty
     *     with one run
     */
    static List<ReportChart> build(final List<RunFolder> runs, final List<String> runNames) {
        final Map<String, Map<String, List<ChartPoint>>> byFamilyAndUnit = new TreeMap<>();
        for (int runIndex = 0; runIndex < runs.size(); runIndex++) {
            for (final ResultRow row : runs.get(runIndex).results()) {
                byFamilyAndUnit.computeIfAbsent(row.family(), family -> new LinkedHashMap<>())
                    .computeIfAbsent(row.unit(), unit -> new ArrayList<>())
                    .add(new ChartPoint(runIndex, row));
            }
        }
        final List<ReportChart> charts = new ArrayList<>();
        byFamilyAndUnit.forEach((family, byUnit) -> {
            if (family.equals("fsync") || family.equals("batch")) {
                // Rates are converted to ops/s, so all units of these families share one chart.
                final List<ChartPoint> all = new ArrayList<>();
                byUnit.values().forEach(all::addAll);
                charts.addAll(family.equals("fsync")
                    ? List.of(fsyncChart(all, runNames)) : batchCharts(all, runNames));
                return;
            }
            for (final Map.Entry<String, List<ChartPoint>> unitPoints : byUnit.entrySet()) {
                final List<ChartPoint> unitGroup = unitPoints.getValue();
                final boolean splitByCase = distinctValues(unitGroup, ResultColumns.SIZE) < 2
                    && distinctCases(unitGroup) > 1 && range(unitGroup) > WIDE_RANGE;
                // Bars of cases that differ by orders of magnitude (block.block vs block.tx) hide the small ones:
                // such cases get a chart each.
                final Map<String, List<ChartPoint>> groups = new TreeMap<>();
                unitGroup.forEach(point -> groups.computeIfAbsent(splitByCase ? point.row().benchmark() : "",
                    key -> new ArrayList<>()).add(point));
                for (final List<ChartPoint> group : groups.values()) {
                    final String name = charts.stream().anyMatch(chart -> chart.name().equals(family))
                        ? family + "-" + (splitByCase ? group.get(0).row().key().caseName() + "-" : "")
                            + unitPoints.getKey().replaceAll("[^A-Za-z0-9]", "")
                        : family;
                    charts.add(familyChart(family, name, unitPoints.getKey(), group, runNames));
                }
            }
        });
        return charts;
    }

    private static ReportChart familyChart(final String family, final String name, final String unit,
                                           final List<ChartPoint> points, final List<String> runNames) {
        return switch (family) {
            case "query" -> barChart(family, name, points, runNames, unit, "Query: hit vs miss (" + unit + ")",
                ResultColumns.ENGINE, "get of a present key (hit) and an absent key (miss); lower is faster");
            case "memory" -> barChart(family, name, points, runNames, unit, "memory: " + unit,
                ResultColumns.SIZE, "bytes per key or node after GC (" + unit + "), per engine; lower is better");
            default -> distinctValues(points, ResultColumns.SIZE) >= 2
                ? sizeChart(family, name, unit, points, runNames)
                : barChart(family, name, points, runNames, unit, (distinctCases(points) == 1
                    ? points.get(0).row().benchmark() : family) + " (" + unit + ")", ResultColumns.ENGINE,
                    "score per row");
        };
    }

    /** Score against initial size on log axes; one line per case and every other varying parameter. */
    private static ReportChart sizeChart(final String family, final String name, final String unit,
                                         final List<ChartPoint> points, final List<String> runNames) {
        // A log y axis only when values span more than WIDE_RANGE (e.g. block.tx and block.block, blockSize apart);
        // over a narrow range a log axis shows one tick label at best.
        final boolean logY = range(points) > WIDE_RANGE;
        final XYChart chart = ChartStyle.xyChart(family + ": " + unit + " against initial size", "initial keys (log)",
            logY ? unit + " (log)" : unit);
        chart.getStyler().setYAxisLogarithmic(logY);
        final Set<String> legendParams = varyingParams(points, Set.of(ResultColumns.SIZE));
        final boolean severalCases = distinctCases(points) > 1;
        if (!addXySeries(chart, points, point -> seriesName(point, legendParams, runNames, severalCases),
                point -> point.numericParam(ResultColumns.SIZE), point -> point.row().score())) {
            return barChart(family, name, points, runNames, unit, family + " (" + unit + ")", ResultColumns.ENGINE,
                "score per row (no positive values for a log axis)");
        }
        return new ReportChart(family, name, family + ": " + unit + " against the initial number of keys, one line per"
            + " case, engine and store (size axis logarithmic)."
            + (logY ? " The score axis is logarithmic too: the values span more than a factor of " + (int) WIDE_RANGE
            + "." : ""), chart);
    }

    /** fsync: syncs per second per write size, a series per method (and store). */
    private static ReportChart fsyncChart(final List<ChartPoint> points, final List<String> runNames) {
        final Set<String> legendParams = varyingParams(points, Set.of(ResultColumns.WRITE_SIZE));
        final CategoryChart chart = ChartStyle.barChart("fsync: durable writes per second", "write size (bytes)",
            "syncs/s");
        final boolean severalCases = distinctCases(points) > 1;
        if (!addBarSeries(chart, points, point -> seriesName(point, legendParams, runNames, severalCases),
                point -> point.param(ResultColumns.WRITE_SIZE) == null ? "-" : point.param(ResultColumns.WRITE_SIZE),
                point -> Rates.perSecond(point.row().score(), point.row().unit()))) {
            return barChart("fsync", "fsync", points, runNames, points.get(0).row().unit(), "fsync",
                ResultColumns.METHOD, "score per row (unit not convertible to a rate)");
        }
        return new ReportChart("fsync", "fsync", "fsync: syncs per second by method and write size (the score"
            + " converted to operations per second); higher is better.", chart);
    }

    /**
     * Writes per second of a batch row: its score is the time of one commit (of {@code batch} writes) on one of
     * {@code threads} committing threads, so the rate of commits is scaled by both.
     */
    private static double writesPerSecond(final ChartPoint point) {
        final double commitsPerSecond = Rates.perSecond(point.row().score(), point.row().unit());
        return commitsPerSecond * atLeastOne(point.param(ResultColumns.BATCH))
            * atLeastOne(point.param(ResultColumns.THREADS));
    }

    private static double atLeastOne(final String value) {
        if (value == null || value.isBlank()) {
            return 1;
        }
        return Math.max(1, Double.parseDouble(value));
    }

    /**
     * batch: throughput and syncs per write against writes per sync ({@code batch}) or committers ({@code threads}).
     * Each case is plotted against the parameter it varies, so a group-commit sweep over committers and a batching
     * sweep over writes per sync get their own x axis.
     */
    private static List<ReportChart> batchCharts(final List<ChartPoint> points, final List<String> runNames) {
        final Map<String, List<ChartPoint>> byAxis = new TreeMap<>();
        final Map<String, List<ChartPoint>> byCase = new TreeMap<>();
        points.forEach(point -> byCase.computeIfAbsent(point.row().benchmark(), key -> new ArrayList<>()).add(point));
        byCase.values().forEach(casePoints -> {
            final String axis = distinctValues(casePoints, ResultColumns.THREADS)
                > distinctValues(casePoints, ResultColumns.BATCH) ? ResultColumns.THREADS : ResultColumns.BATCH;
            byAxis.computeIfAbsent(axis, key -> new ArrayList<>()).addAll(casePoints);
        });
        final List<ReportChart> charts = new ArrayList<>();
        byAxis.forEach((xColumn, axisPoints) -> {
            final boolean byBatch = xColumn.equals(ResultColumns.BATCH);
            final String suffix = charts.isEmpty() ? "" : "-" + xColumn;
            final String xTitle = byBatch ? "writes per sync (log)" : "committers (log)";
            final Set<String> legendParams = varyingParams(axisPoints, Set.of(xColumn));
            final boolean severalCases = distinctCases(axisPoints) > 1;
            final Function<ChartPoint, String> series =
                point -> seriesName(point, legendParams, runNames, severalCases);
            final XYChart throughput = ChartStyle.xyChart("batch: writes per second against " + xTitle.replace(
                " (log)", ""), xTitle, "writes/s (log)");
            throughput.getStyler().setYAxisLogarithmic(true);
            if (!addXySeries(throughput, axisPoints, series, point -> point.numericParam(xColumn),
                    FamilyCharts::writesPerSecond)) {
                charts.add(barChart("batch", "batch" + suffix, axisPoints, runNames,
                    axisPoints.get(0).row().unit(), "batch", ResultColumns.STORE,
                    "score per row (no " + xColumn + " values or rates to plot)"));
                return;
            }
            charts.add(new ReportChart("batch", "batch" + suffix, "batch: writes per second against " + xColumn
                + " (commits per second from the score, times writes per commit and committers); higher is better.",
                throughput));
            final List<ChartPoint> withSyncs = axisPoints.stream()
                .filter(point -> !Double.isNaN(point.row().syncsPerOp())).toList();
            final XYChart syncs = ChartStyle.xyChart("batch: syncs per write against " + xTitle.replace(" (log)", ""),
                xTitle, "syncs per write (log)");
            syncs.getStyler().setYAxisLogarithmic(true);
            if (addXySeries(syncs, withSyncs, series, point -> point.numericParam(xColumn),
                    point -> point.row().syncsPerOp())) {
                charts.add(new ReportChart("batch", "batch" + suffix + "-syncs", "batch: durable syncs issued per"
                    + " write against " + xColumn + " (1 = a sync per write; group commit shares one sync between"
                    + " writers).", syncs));
            }
        });
        return charts;
    }

    /** Bars: categories from the varying parameters other than the case and {@code seriesColumn}. */
    private static ReportChart barChart(final String family, final String name, final List<ChartPoint> points,
                                        final List<String> runNames, final String unit, final String title,
                                        final String seriesColumn, final String captionText) {
        final Set<String> categoryParams = varyingParams(points, Set.of(seriesColumn));
        final Set<String> seriesParams = distinctValues(points, seriesColumn) >= 2 ? Set.of(seriesColumn) : Set.of();
        final boolean severalCases = points.stream().map(point -> point.row().benchmark()).distinct().count() > 1;
        final CategoryChart chart = ChartStyle.barChart(title, String.join(" / ", categoryParams), unit);
        addBarSeries(chart, points, point -> {
            final StringBuilder seriesName = new StringBuilder(runNames.get(point.runIndex()));
            if (severalCases) {
                append(seriesName, point.row().key().caseName());
            }
            seriesParams.forEach(column -> append(seriesName, point.param(column)));
            return seriesName.length() == 0 ? family : seriesName.toString();
        }, point -> {
            final StringBuilder category = new StringBuilder();
            categoryParams.forEach(column -> append(category, point.param(column) == null ? "-" : point.param(column)));
            return category.length() == 0 ? point.row().key().caseName() : category.toString();
        }, point -> point.row().score());
        return new ReportChart(family, name, family + ": " + captionText + ".", chart);
    }

    /** Adds one series per name; returns false if no point had positive coordinates (nothing to draw). */
    private static boolean addXySeries(final XYChart chart, final List<ChartPoint> points,
                                    final Function<ChartPoint, String> seriesName,
                                    final ToDoubleFunction<ChartPoint> x, final ToDoubleFunction<ChartPoint> y) {
        final Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
        for (final ChartPoint point : sorted(points)) {
            final double xValue = x.applyAsDouble(point);
            final double yValue = y.applyAsDouble(point);
            if (xValue > 0 && yValue > 0) { // log axes: only positive values can be drawn
                series.computeIfAbsent(seriesName.apply(point), key -> new TreeMap<>()).put(xValue, yValue);
            }
        }
        series.forEach((name, values) -> chart.addSeries(name,
            values.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
            values.values().stream().mapToDouble(Double::doubleValue).toArray()));
        return !series.isEmpty();
    }

    /** Adds one series per name; returns false if every value was NaN (nothing to draw). */
    private static boolean addBarSeries(final CategoryChart chart, final List<ChartPoint> points,
                                     final Function<ChartPoint, String> seriesName,
                                     final Function<ChartPoint, String> category,
                                     final ToDoubleFunction<ChartPoint> y) {
        final Set<String> categories = new LinkedHashSet<>();
        final Map<String, Map<String, Double>> series = new TreeMap<>();
        for (final ChartPoint point : sorted(points)) {
            final double value = y.applyAsDouble(point);
            if (Double.isNaN(value)) {
                continue;
            }
            final String categoryName = category.apply(point);
            categories.add(categoryName);
            series.computeIfAbsent(seriesName.apply(point), key -> new LinkedHashMap<>()).put(categoryName, value);
        }
        final List<String> categoryList = List.copyOf(categories);
        series.forEach((name, values) -> {
            final List<Double> yValues = new ArrayList<>();
            // A category a series lacks is drawn as no bar (0 height) rather than dropped, so bars stay aligned.
            categoryList.forEach(categoryName -> yValues.add(values.getOrDefault(categoryName, 0.0)));
            chart.addSeries(name, categoryList, yValues);
        });
        return !series.isEmpty();
    }

    private static List<ChartPoint> sorted(final List<ChartPoint> points) {
        return points.stream().sorted(Comparator.comparing((ChartPoint point) -> point.row().key())
            .thenComparingInt(ChartPoint::runIndex)).toList();
    }

    /** Series name: run letter, case, then every varying parameter outside the axis, e.g. {@code A tx heap rocksdb}. */
    private static String seriesName(final ChartPoint point, final Set<String> legendParams,
                                     final List<String> runNames, final boolean withCase) {
        final StringBuilder name = new StringBuilder(runNames.get(point.runIndex()));
        if (withCase) {
            append(name, point.row().key().caseName());
        }
        for (final String column : legendParams) {
            final String value = point.param(column);
            if (value != null) {
                append(name, column.equals(ResultColumns.ENGINE) || column.equals(ResultColumns.STORE)
                    || column.equals(ResultColumns.METHOD) ? value : column + "=" + value);
            }
        }
        // XChart needs a non-empty name; with one run, one case and nothing varying, the case names the line.
        return name.length() == 0 ? point.row().key().caseName() : name.toString();
    }

    /** Parameter columns with two or more values among {@code points}, minus {@code excluded}, in column order. */
    private static Set<String> varyingParams(final List<ChartPoint> points, final Set<String> excluded) {
        final Set<String> varying = new LinkedHashSet<>();
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            if (!excluded.contains(column) && distinctValues(points, column) >= 2) {
                varying.add(column);
            }
        }
        return varying;
    }

    /** Largest over smallest positive score; 1 if there is none. */
    private static double range(final List<ChartPoint> points) {
        return ChartStyle.positiveRange(points.stream().mapToDouble(point -> point.row().score()));
    }

    private static long distinctCases(final List<ChartPoint> points) {
        return points.stream().map(point -> point.row().benchmark()).distinct().count();
    }

    private static long distinctValues(final List<ChartPoint> points, final String column) {
        return points.stream().map(point -> String.valueOf(point.param(column))).distinct().count();
    }

    private static void append(final StringBuilder text, final String part) {
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(part);
    }
}

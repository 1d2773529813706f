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
    private FamilyCharts() {
    }

    /** Charts for every family present in {@code runs}, ordered by family name. */
    static List<ReportChart> build(final List<RunFolder> runs) {
        final Map<String, Map<String, List<ChartPoint>>> byFamilyAndUnit = new TreeMap<>();
        for (int runIndex = 0; runIndex < runs.size(); runIndex++) {
            for (final ResultRow row : runs.get(runIndex).results()) {
                byFamilyAndUnit.computeIfAbsent(row.family(), family -> new LinkedHashMap<>())
                    .computeIfAbsent(row.unit(), unit -> new ArrayList<>())
                    .add(new ChartPoint(runIndex, row));
            }
        }
        final boolean severalRuns = runs.size() > 1;
        final List<ReportChart> charts = new ArrayList<>();
        byFamilyAndUnit.forEach((family, byUnit) -> {
            if (family.equals("fsync") || family.equals("batch")) {
                // Rates are converted to ops/s, so all units of these families share one chart.
                final List<ChartPoint> all = new ArrayList<>();
                byUnit.values().forEach(all::addAll);
                charts.addAll(family.equals("fsync")
                    ? List.of(fsyncChart(all, severalRuns)) : batchCharts(all, severalRuns));
                return;
            }
            boolean first = true;
            for (final Map.Entry<String, List<ChartPoint>> unitPoints : byUnit.entrySet()) {
                final String name = first ? family : family + "-" + unitPoints.getKey().replaceAll("[^A-Za-z0-9]", "");
                charts.add(familyChart(family, name, unitPoints.getKey(), unitPoints.getValue(), severalRuns));
                first = false;
            }
        });
        return charts;
    }

    private static ReportChart familyChart(final String family, final String name, final String unit,
                                           final List<ChartPoint> points, final boolean severalRuns) {
        return switch (family) {
            case "query" -> barChart(family, name, points, severalRuns, unit, "Query: hit vs miss (" + unit + ")",
                ResultColumns.ENGINE, "get of a present key (hit) and an absent key (miss); lower is faster");
            case "memory" -> barChart(family, name, points, severalRuns, unit, "Memory per key (" + unit + ")",
                ResultColumns.SIZE, "bytes per key after GC, per engine; lower is better");
            default -> distinctValues(points, ResultColumns.SIZE) >= 2
                ? sizeChart(family, name, unit, points, severalRuns)
                : barChart(family, name, points, severalRuns, unit, family + " (" + unit + ")",
                    ResultColumns.ENGINE, "score per row");
        };
    }

    /** Score against initial size on log axes; one line per case and every other varying parameter. */
    private static ReportChart sizeChart(final String family, final String name, final String unit,
                                         final List<ChartPoint> points, final boolean severalRuns) {
        final XYChart chart = ChartStyle.xyChart(family + ": " + unit + " against initial size", "initial keys (log)",
            unit + " (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        final Set<String> legendParams = varyingParams(points, Set.of(ResultColumns.SIZE));
        if (!addXySeries(chart, points, point -> seriesName(point, legendParams, severalRuns, true),
                point -> point.numericParam(ResultColumns.SIZE), point -> point.row().score())) {
            return barChart(family, name, points, severalRuns, unit, family + " (" + unit + ")", ResultColumns.ENGINE,
                "score per row (no positive values for a log axis)");
        }
        return new ReportChart(family, name, family + ": " + unit + " against the initial number of keys, one line per"
            + " case, engine and store (both axes logarithmic).", chart);
    }

    /** fsync: syncs per second per write size, a series per method (and store). */
    private static ReportChart fsyncChart(final List<ChartPoint> points, final boolean severalRuns) {
        final Set<String> legendParams = varyingParams(points, Set.of(ResultColumns.WRITE_SIZE));
        final CategoryChart chart = ChartStyle.barChart("fsync: durable writes per second", "write size (bytes)",
            "syncs/s");
        if (!addBarSeries(chart, points, point -> seriesName(point, legendParams, severalRuns, true),
                point -> point.param(ResultColumns.WRITE_SIZE) == null ? "-" : point.param(ResultColumns.WRITE_SIZE),
                point -> Rates.perSecond(point.row().score(), point.row().unit()))) {
            return barChart("fsync", "fsync", points, severalRuns, points.get(0).row().unit(), "fsync",
                ResultColumns.METHOD, "score per row (unit not convertible to a rate)");
        }
        return new ReportChart("fsync", "fsync", "fsync: syncs per second by method and write size (the score"
            + " converted to operations per second); higher is better.", chart);
    }

    /** batch: throughput and syncs per write against batch size or committers. */
    private static List<ReportChart> batchCharts(final List<ChartPoint> points, final boolean severalRuns) {
        final String xColumn = distinctValues(points, ResultColumns.BATCH) >= distinctValues(points,
            ResultColumns.THREADS) ? ResultColumns.BATCH : ResultColumns.THREADS;
        final String xTitle = xColumn.equals(ResultColumns.BATCH) ? "writes per sync (log)" : "committers (log)";
        final Set<String> legendParams = varyingParams(points, Set.of(xColumn));
        final Function<ChartPoint, String> series = point -> seriesName(point, legendParams, severalRuns, true);
        final XYChart throughput = ChartStyle.xyChart("batch: writes per second", xTitle, "ops/s (log)");
        throughput.getStyler().setYAxisLogarithmic(true);
        final List<ReportChart> charts = new ArrayList<>();
        if (!addXySeries(throughput, points, series, point -> point.numericParam(xColumn),
                point -> Rates.perSecond(point.row().score(), point.row().unit()))) {
            charts.add(barChart("batch", "batch", points, severalRuns, points.get(0).row().unit(), "batch",
                ResultColumns.STORE, "score per row (no " + xColumn + " values or rates to plot)"));
            return charts;
        }
        charts.add(new ReportChart("batch", "batch", "batch: throughput against " + xColumn + " (the score converted"
            + " to operations per second); higher is better.", throughput));
        final List<ChartPoint> withSyncs = points.stream()
            .filter(point -> !Double.isNaN(point.row().syncsPerOp())).toList();
        if (!withSyncs.isEmpty()) {
            final XYChart syncs = ChartStyle.xyChart("batch: syncs per write", xTitle, "syncs per write");
            addXySeries(syncs, withSyncs, series, point -> point.numericParam(xColumn),
                point -> point.row().syncsPerOp());
            charts.add(new ReportChart("batch", "batch-syncs", "batch: durable syncs issued per write against "
                + xColumn + " (group commit shares one sync between writers).", syncs));
        }
        return charts;
    }

    /** Bars: categories from the varying parameters other than the case and {@code seriesColumn}. */
    private static ReportChart barChart(final String family, final String name, final List<ChartPoint> points,
                                        final boolean severalRuns, final String unit, final String title,
                                        final String seriesColumn, final String captionText) {
        final Set<String> categoryParams = varyingParams(points, Set.of(seriesColumn));
        final Set<String> seriesParams = distinctValues(points, seriesColumn) >= 2 ? Set.of(seriesColumn) : Set.of();
        final boolean severalCases = points.stream().map(point -> point.row().benchmark()).distinct().count() > 1;
        final CategoryChart chart = ChartStyle.barChart(title, String.join(" / ", categoryParams), unit);
        addBarSeries(chart, points, point -> {
            final StringBuilder seriesName = new StringBuilder(severalRuns ? RunDiff.sideLabel(point.runIndex()) : "");
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
                                     final boolean severalRuns, final boolean withCase) {
        final StringBuilder name = new StringBuilder(severalRuns ? RunDiff.sideLabel(point.runIndex()) : "");
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
        return name.toString();
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

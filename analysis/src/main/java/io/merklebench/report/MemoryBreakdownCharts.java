package io.merklebench.report;

import io.merklebench.results.HeapGroup;
import io.merklebench.results.MemoryBreakdownCsv;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.Color;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The charts of a run's {@value MemoryBreakdownCsv#FILE_NAME}: one stacked bar per engine and store at its largest
 * size, in bytes per key by {@link HeapGroup} (so engines loaded to different sizes still compare), and per engine
 * and store measured at two or more sizes a chart of each group's bytes per key against the size (a flat line: the
 * group grows with the keys; rising: faster than the keys). Groups that hold no bytes anywhere are left out, and
 * from a growth chart the groups its engine has none of; a group keeps its colour in every chart.
 * Stateless.
 */
final class MemoryBreakdownCharts {
    /** {@link ReportChart#family()} of the charts and the start of their names. */
    static final String FAMILY = "memory-breakdown";

    private MemoryBreakdownCharts() {
    }

    /** The stacked bar chart, then the growth charts; none without rows. */
    static List<ReportChart> build(final List<MemoryBreakdownCsv.Row> rows) {
        final Map<String, TreeMap<Long, Map<HeapGroup, Long>>> byPair = bytesByPairAndSize(rows);
        if (byPair.isEmpty()) {
            return List.of();
        }
        final List<HeapGroup> groups = groupsWithBytes(rows);
        final List<ReportChart> charts = new ArrayList<>();
        charts.add(stackedBars(byPair, groups));
        byPair.forEach((pair, bySize) -> {
            if (bySize.size() >= 2) {
                charts.add(growth(pair, bySize, groups));
            }
        });
        return charts;
    }

    /** {@code engine:store}, the category and chart name of a row. */
    static String pairLabel(final MemoryBreakdownCsv.Row row) {
        return row.engine() + ":" + row.store();
    }

    private static ReportChart stackedBars(final Map<String, TreeMap<Long, Map<HeapGroup, Long>>> byPair,
                                           final List<HeapGroup> groups) {
        final CategoryChart chart = ChartStyle.barChart("memory breakdown: heap bytes per key by group",
            "engine:store (keys)", "bytes per key");
        chart.getStyler().setStacked(true);
        final List<String> categories = new ArrayList<>();
        final Map<HeapGroup, List<Double>> values = new EnumMap<>(HeapGroup.class);
        byPair.forEach((pair, bySize) -> {
            final long size = bySize.lastKey();
            categories.add(pair + " (" + size + ")");
            for (final HeapGroup group : groups) {
                values.computeIfAbsent(group, key -> new ArrayList<>())
                    .add((double)bySize.get(size).getOrDefault(group, 0L) / size);
            }
        });
        groups.forEach(group -> chart.addSeries(group.label(), categories, values.get(group)));
        return new ReportChart(FAMILY, FAMILY, "Memory breakdown: what holds the live heap of a loaded and saved tree,"
            + " in bytes per key, one stacked bar per engine and store at its largest size (in brackets), from "
            + MemoryBreakdownCsv.FILE_NAME + " (class histograms after full GCs; grouping rules in"
            + " docs/profiling.md).", chart);
    }

    private static ReportChart growth(final String pair, final TreeMap<Long, Map<HeapGroup, Long>> bySize,
                                      final List<HeapGroup> groups) {
        final XYChart chart = ChartStyle.xyChart("memory breakdown of " + pair + ": bytes per key against size",
            "keys (log)", "bytes per key");
        for (int index = 0; index < groups.size(); index++) {
            final HeapGroup group = groups.get(index);
            if (bySize.values().stream().allMatch(bytes -> bytes.getOrDefault(group, 0L) == 0)) {
                continue; // a group this engine does not have (array's node objects): no line along the axis
            }
            final double[] sizes = bySize.keySet().stream().mapToDouble(Long::doubleValue).toArray();
            final double[] perKey = bySize.entrySet().stream()
                .mapToDouble(entry -> (double)entry.getValue().getOrDefault(group, 0L) / entry.getKey()).toArray();
            // The bar chart's colour of the group, whichever groups this chart leaves out.
            final Color color = ChartStyle.seriesColor(index);
            final XYSeries series = chart.addSeries(group.label(), sizes, perKey);
            series.setLineColor(color);
            series.setMarkerColor(color);
        }
        return new ReportChart(FAMILY, FAMILY + "-" + pair.replace(':', '-'), "Memory breakdown of " + pair
            + ": each group's bytes per key against the tree's size (keys axis logarithmic); a flat line grows with"
            + " the keys, a rising one faster.", chart);
    }

    /** Per pair (in first-seen order) and size, the bytes of each group. */
    private static Map<String, TreeMap<Long, Map<HeapGroup, Long>>> bytesByPairAndSize(
        final List<MemoryBreakdownCsv.Row> rows) {
        final Map<String, TreeMap<Long, Map<HeapGroup, Long>>> byPair = new LinkedHashMap<>();
        for (final MemoryBreakdownCsv.Row row : rows) {
            if (row.size() > 0) {
                byPair.computeIfAbsent(pairLabel(row), pair -> new TreeMap<>())
                    .computeIfAbsent(row.size(), size -> new EnumMap<>(HeapGroup.class))
                    .merge(row.group(), row.bytes(), Long::sum);
            }
        }
        return byPair;
    }

    private static List<HeapGroup> groupsWithBytes(final List<MemoryBreakdownCsv.Row> rows) {
        final List<HeapGroup> groups = new ArrayList<>();
        for (final HeapGroup group : HeapGroup.values()) {
            if (rows.stream().anyMatch(row -> row.group() == group && row.bytes() > 0)) {
                groups.add(group);
            }
        }
        return groups;
    }
}

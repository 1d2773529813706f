package io.merklebench.report;

import io.merklebench.stats.ForkComparison;
import org.knowm.xchart.CategoryChart;

import java.util.ArrayList;
import java.util.List;

/**
 * The diff as a chart: per row present in every run, the change of the centre against run A in percent, with an
 * error bar. Stateless.
 *
 * <p>The error bar is the larger distance from the change to an end of the 95% interval of the ratio (Welch, on the
 * per-fork values; see {@link ForkComparison}): the interval is asymmetric on a percent axis, and a bar that shows
 * its wider side does not overstate precision. Rows without a test (one fork on a side) get no bar.
 */
final class ChangesChart {
    /** Horizontal room per row, so labels do not overlap when there are many rows. */
    private static final int PIXELS_PER_ROW = 30;
    private static final int LABEL_HEIGHT = 220;

    private ChangesChart() {
    }

    static ReportChart build(final RunDiff diff) {
        final List<String> labels = new ArrayList<>();
        for (final RunDiff.Row row : diff.rows()) {
            labels.add(shortLabel(row));
        }
        final int width = Math.max(ChartStyle.WIDTH, 160 + PIXELS_PER_ROW * labels.size() * (diff.runs().size() - 1));
        // Row labels are rotated upright below the axis, so the chart gets extra height for them.
        final CategoryChart chart = ChartStyle.barChart("Change of the centre against A (%), 95% CI",
            "benchmark row", "change (%)", width, ChartStyle.HEIGHT + LABEL_HEIGHT);
        chart.getStyler().setXAxisLabelRotation(90);
        // XChart thins category labels to one per ~74 px by default; every bar needs its label here.
        chart.getStyler().setXAxisTickMarkSpacingHint(PIXELS_PER_ROW / 2);
        for (int side = 1; side < diff.runs().size(); side++) {
            final List<Double> changes = new ArrayList<>();
            final List<Double> errors = new ArrayList<>();
            for (final RunDiff.Row row : diff.rows()) {
                final ForkComparison comparison = row.comparisons().get(side - 1);
                changes.add(Double.isNaN(comparison.changePercent()) ? 0.0 : comparison.changePercent());
                errors.add(errorBarPercent(comparison));
            }
            if (!labels.isEmpty()) {
                chart.addSeries(RunDiff.sideLabel(side) + " vs A", labels, changes, errors);
            }
        }
        if (labels.isEmpty()) {
            chart.addSeries("no rows in every run", List.of("-"), List.of(0.0));
        }
        return new ReportChart("changes", "changes", "Change of each row's centre against run A in percent; error bars"
            + " show the 95% confidence interval of the ratio from the per-fork values. Positive means a larger"
            + " number: slower for time per op, faster for ops per time.", chart);
    }

    static double errorBarPercent(final ForkComparison comparison) {
        if (Double.isNaN(comparison.ratioLow()) || Double.isNaN(comparison.changePercent())) {
            return 0;
        }
        final double change = comparison.changePercent();
        return Math.max((comparison.ratioHigh() - 1) * 100 - change, change - (comparison.ratioLow() - 1) * 100);
    }

    private static String shortLabel(final RunDiff.Row row) {
        final StringBuilder label = new StringBuilder(row.key().benchmark());
        row.key().params().values().forEach(value -> label.append(' ').append(value));
        return label.toString();
    }
}

package io.merklebench.report;

import io.merklebench.stats.MedianInterval;
import io.merklebench.stats.SampleComparison;
import org.knowm.xchart.CategoryChart;

import java.util.ArrayList;
import java.util.List;

/**
 * The diff as a chart: per row present in every run, the change of the median against run A in percent, with an
 * error bar. Stateless.
 *
 * <p>The error bar is √(a² + b²), a and b being the two medians' 95% interval half-widths in percent: the usual
 * propagation for a ratio of two independent estimates. It is a guide for the eye; significance comes from the
 * Mann–Whitney p-value in the table. Rows without an interval on a side get no bar.
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
        final CategoryChart chart = ChartStyle.barChart("Change of the median against A (%), 95% CI",
            "benchmark row", "change (%)", width, ChartStyle.HEIGHT + LABEL_HEIGHT);
        chart.getStyler().setXAxisLabelRotation(90);
        // XChart thins category labels to one per ~74 px by default; every bar needs its label here.
        chart.getStyler().setXAxisTickMarkSpacingHint(PIXELS_PER_ROW / 2);
        for (int side = 1; side < diff.runs().size(); side++) {
            final List<Double> changes = new ArrayList<>();
            final List<Double> errors = new ArrayList<>();
            for (final RunDiff.Row row : diff.rows()) {
                final SampleComparison comparison = row.comparisons().get(side - 1);
                changes.add(Double.isNaN(comparison.changePercent()) ? 0.0 : comparison.changePercent());
                errors.add(errorBarPercent(row.medians().get(0), row.medians().get(side)));
            }
            if (!labels.isEmpty()) {
                chart.addSeries(RunDiff.sideLabel(side) + " vs A", labels, changes, errors);
            }
        }
        if (labels.isEmpty()) {
            chart.addSeries("no rows in every run", List.of("-"), List.of(0.0));
        }
        return new ReportChart("changes", "changes", "Change of each row's median against run A in percent; error bars"
            + " combine both medians' 95% confidence intervals. Positive means a larger number: slower for time"
            + " per op, faster for ops per time.", chart);
    }

    static double errorBarPercent(final MedianInterval base, final MedianInterval other) {
        if (!base.hasInterval() || !other.hasInterval()) {
            return 0;
        }
        final double basePercent = DiffPrinter.halfWidthPercent(base);
        final double otherPercent = DiffPrinter.halfWidthPercent(other);
        return Math.sqrt(basePercent * basePercent + otherPercent * otherPercent);
    }

    private static String shortLabel(final RunDiff.Row row) {
        final StringBuilder label = new StringBuilder(row.key().benchmark());
        row.key().params().values().forEach(value -> label.append(' ').append(value));
        return label.toString();
    }
}

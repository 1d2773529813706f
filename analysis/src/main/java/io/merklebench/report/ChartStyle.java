package io.merklebench.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import java.util.stream.DoubleStream;

/**
 * One look for every chart of the report: size, fonts, legend beside the plot, locale-independent axis numbers, and
 * the measure the charts use to choose a logarithmic value axis ({@link #positiveRange}).
 */
final class ChartStyle {
    static final int WIDTH = 960;
    static final int HEIGHT = 520;
    /** Grouped thousands, at most three decimals. */
    private static final String AXIS_NUMBER_PATTERN = "#,##0.###";
    /** Name of the hidden series of {@link #roundXTicks}. */
    private static final String OFF_GRID_SERIES = "(x ticks)";

    private static final Color[] SERIES_COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private ChartStyle() {
    }

    /** Points joined by lines against a logarithmic x axis (sizes, batch sizes, committers), with markers. */
    static XYChart xyChart(final String title, final String xAxisTitle, final String yAxisTitle) {
        final XYChart chart = lineChart(title, xAxisTitle, yAxisTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /**
     * Lines against a linear x axis, for series of hundreds of points (a simulation's versions); add their series
     * with {@link #addLine}.
     */
    static XYChart lineChart(final String title, final String xAxisTitle, final String yAxisTitle) {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern(AXIS_NUMBER_PATTERN);
        return chart;
    }

    /** A series drawn as a bare line: a marker on each of hundreds of points hides the line and bloats the SVG. */
    static void addLine(final XYChart chart, final String name, final double[] x, final double[] y) {
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }

    /**
     * Gives a line chart round x ticks (1,000, 2,000, …) instead of XChart's ticks on data values (1, 251, 501, …,
     * crowded). XChart 4 puts the ticks on every k-th data value when the x values of all series, in the order they
     * were added, are equally spaced, as versions 1, 2, 3 are. A hidden series with one x value off that grid breaks
     * the spacing: disabled, it is neither drawn nor counted in the axis range, and it is left out of the legend.
     * Call after the chart's last series.
     */
    static void roundXTicks(final XYChart chart) {
        chart.getSeriesCollection().stream().filter(series -> series.getXData().length > 0).findFirst()
            .ifPresent(first -> {
                final XYSeries offGrid = chart.addSeries(OFF_GRID_SERIES, new double[] {first.getXData()[0] + 0.5},
                    new double[] {first.getYData()[0]});
                offGrid.setEnabled(false);
                offGrid.setShowInLegend(false);
            });
    }

    /**
     * Largest over smallest positive value; 1 if there is none. A chart whose values span more than some factor gets
     * a logarithmic value axis; over a narrow range a log axis shows one tick label at best.
     */
    static double positiveRange(final DoubleStream values) {
        final double[] positive = values.filter(value -> value > 0 && Double.isFinite(value)).toArray();
        if (positive.length == 0) {
            return 1;
        }
        return DoubleStream.of(positive).max().getAsDouble() / DoubleStream.of(positive).min().getAsDouble();
    }

    /** The colour XChart gives the series at {@code index} (cycling), for charts that keep a colour per meaning. */
    static Color seriesColor(final int index) {
        return SERIES_COLORS[index % SERIES_COLORS.length];
    }

    static CategoryChart barChart(final String title, final String xAxisTitle, final String yAxisTitle) {
        return barChart(title, xAxisTitle, yAxisTitle, WIDTH, HEIGHT);
    }

    static CategoryChart barChart(final String title, final String xAxisTitle, final String yAxisTitle,
                                  final int width, final int height) {
        final CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title)
            .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setXAxisLabelRotation(30);
        return chart;
    }

    private static void apply(final AxesChartStyler styler) {
        styler.setLocale(Locale.ROOT);
        // XChart otherwise prints 1E4 on log axes and every digit of a lone value (101.7523087615438).
        styler.setYAxisDecimalPattern(AXIS_NUMBER_PATTERN);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        // Right of the plot, one entry a line: a horizontal legend below is cut off once there are many series.
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setSeriesColors(SERIES_COLORS);
        styler.setChartTitleBoxVisible(false);
        styler.setPlotBorderVisible(false);
    }
}

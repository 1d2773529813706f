package io.merklebench.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/** One look for every chart of the report: size, fonts, legend below, locale-independent axis numbers. */
final class ChartStyle {
    static final int WIDTH = 960;
    static final int HEIGHT = 520;
    /** Grouped thousands, at most three decimals. */
    private static final String AXIS_NUMBER_PATTERN = "#,##0.###";

    private static final Color[] SERIES_COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private ChartStyle() {
    }

    static XYChart xyChart(final String title, final String xAxisTitle, final String yAxisTitle) {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        apply(chart.getStyler());
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern(AXIS_NUMBER_PATTERN);
        return chart;
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

package io.merklebench.report;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart of the report, built with XChart, with the names the report and the SVG files use.
 *
 * @param family benchmark family the chart belongs to (or {@code changes} for the diff chart)
 * @param name unique name within the report, used for the SVG file name and element ids, e.g. {@code block}
 * @param caption one sentence under the chart saying what is plotted
 * @param chart the XChart chart
 */
record ReportChart(String family, String name, String caption, Chart<?, ?> chart) {
}

package io.merklebench.report;

import io.merklebench.stats.MannWhitney;
import io.merklebench.stats.MedianInterval;
import io.merklebench.stats.SampleComparison;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The diff section of the HTML report: the same content as {@code mbench diff}, as HTML tables. Stateless. */
final class DiffHtml {
    private DiffHtml() {
    }

    static void write(final Html html, final RunDiff diff) {
        final int runCount = diff.runs().size();
        html.element("h3", "Host facts that differ").raw("\n");
        if (diff.factDifferences().isEmpty()) {
            html.element("p", "None of the compared host facts differ.", "class", "note");
        } else {
            final List<String> header = new ArrayList<>(List.of("fact"));
            for (int index = 0; index < runCount; index++) {
                header.add(RunDiff.sideLabel(index));
            }
            final List<List<String>> rows = new ArrayList<>();
            for (final RunDiff.FactDifference difference : diff.factDifferences()) {
                final List<String> row = new ArrayList<>(List.of(difference.key()));
                row.addAll(difference.values());
                rows.add(row);
            }
            html.table(header, rows, "facts");
        }

        html.element("h3", "Rows in every run").raw("\n");
        html.element("p", "Median of the per-iteration samples ±95% confidence interval (order statistics), n"
            + " samples; change of the median against A with the two-sided Mann-Whitney U p-value; ~ means p >= "
            + diff.alpha() + " (not significant); ? means too few samples (need >= "
            + MedianInterval.minimumSamples(MedianInterval.DEFAULT_CONFIDENCE) + " for an interval, >= "
            + MannWhitney.minimumSamplesPerSide(diff.alpha()) + " per side for a test).",
            "class", "note");
        final List<String> header = new ArrayList<>(List.of("benchmark", "params", "unit"));
        for (int index = 0; index < runCount; index++) {
            header.add(RunDiff.sideLabel(index));
        }
        for (int index = 1; index < runCount; index++) {
            header.add(RunDiff.sideLabel(index) + " vs A");
        }
        final List<List<String>> rows = new ArrayList<>();
        for (final RunDiff.Row row : diff.rows()) {
            final List<String> cells = new ArrayList<>(List.of(row.key().benchmark(),
                DiffPrinter.paramsText(row.key().params()), row.unit()));
            row.medians().forEach(median -> cells.add(DiffPrinter.medianCell(median)));
            for (final SampleComparison comparison : row.comparisons()) {
                cells.add(DiffPrinter.comparisonCell(comparison));
            }
            rows.add(cells);
        }
        html.table(header, rows, "diff");

        html.element("h3", "Geometric mean per family").raw("\n");
        final List<String> summaryHeader = new ArrayList<>(List.of("family", "unit", "rows"));
        for (int index = 1; index < runCount; index++) {
            summaryHeader.add(RunDiff.sideLabel(index) + " vs A");
        }
        final List<List<String>> summaries = new ArrayList<>();
        for (final RunDiff.FamilySummary summary : diff.familySummaries()) {
            final List<String> cells = new ArrayList<>(List.of(summary.family(), summary.unit(),
                Integer.toString(summary.rowCount())));
            summary.changePercents().forEach(change -> cells.add(Double.isNaN(change) ? "-"
                : Numbers.signedPercent(change) + " " + summary.direction().describe(change > 0)));
            summaries.add(cells);
        }
        html.table(summaryHeader, summaries, "geomean");

        html.element("h3", "Rows not in every run").raw("\n");
        if (diff.partialRows().isEmpty()) {
            html.element("p", "None.", "class", "note");
        } else {
            final List<List<String>> partial = new ArrayList<>();
            for (final RunDiff.PartialRow row : diff.partialRows()) {
                final StringJoiner sides = new StringJoiner(", ");
                row.presentIn().forEach(index -> sides.add(RunDiff.sideLabel(index)));
                partial.add(List.of(row.key().benchmark(), DiffPrinter.paramsText(row.key().params()), row.unit(),
                    sides.toString()));
            }
            html.table(List.of("benchmark", "params", "unit", "only in"), partial, "partial");
        }
    }
}

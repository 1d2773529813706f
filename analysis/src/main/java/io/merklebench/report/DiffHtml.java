package io.merklebench.report;

import io.merklebench.stats.ForkComparison;

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
        html.element("p", "Centre of the per-fork values (geometric mean of each fork's mean) ±95% confidence"
            + " interval, between-fork noise (coefficient of variation), f forks; change against A with the 95%"
            + " interval of the ratio and Welch's p-value on the per-fork values (" + diff.rules().describe()
            + "). ~ means within the noise, below the minimum effect or not significant; unstable means a side's"
            + " forks disagree by more than the noise ceiling; ? means fewer than " + ForkComparison.MINIMUM_FORKS
            + " forks on a side.", "class", "note");
        for (final String warning : diff.runWarnings()) {
            html.element("p", "Warning: " + warning, "class", "warning");
        }
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
            row.sides().forEach(side -> cells.add(DiffPrinter.sideCell(side)));
            for (final ForkComparison comparison : row.comparisons()) {
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
            summary.changes().forEach(change -> cells.add(DiffPrinter.familyCell(change, summary.direction())));
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
